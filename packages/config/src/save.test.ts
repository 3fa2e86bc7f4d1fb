import { execFileSync } from "node:child_process";
import { mkdtemp, readFile, readdir, rmdir, stat, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "./load.js";
import { saveConfig } from "./save.js";
import { FAKE_AUTH_KEY, useTempDirs } from "./test-support/temp-dir.js";

const mode = async (p: string) => (await stat(p)).mode & 0o777;

describe("saveConfig", () => {
  const tempDir = useTempDirs();

  it("creates the directory with mode 0700 and the file with mode 0600", async () => {
    const dir = path.join(await tempDir(), "nested", "perry");
    await saveConfig({ tailscale: { authKey: FAKE_AUTH_KEY } }, { dir });
    expect(await mode(dir)).toBe(0o700);
    expect(await mode(path.join(dir, "config.json"))).toBe(0o600);
  });

  it("tightens an existing world-readable file to 0600", async () => {
    const dir = await tempDir();
    await writeFile(path.join(dir, "config.json"), "{}", { mode: 0o644 });
    await saveConfig({ github: {} }, { dir });
    expect(await mode(path.join(dir, "config.json"))).toBe(0o600);
  });

  it("writes the document as given, without defaults, and leaves no temp files", async () => {
    const dir = await tempDir();
    await saveConfig({ tailscale: { hostnamePrefix: "perry-" }, extra: [1] }, { dir });
    expect(JSON.parse(await readFile(path.join(dir, "config.json"), "utf8"))).toEqual({ tailscale: { hostnamePrefix: "perry-" }, extra: [1] });
    expect(await readdir(dir)).toEqual(["config.json"]);
  });

  it("refuses an invalid document and writes nothing", async () => {
    const dir = await tempDir();
    await expect(saveConfig({ tailscale: { hostnamePrefix: "No Spaces" } }, { dir })).rejects.toMatchObject({
      code: "CONFIG_INVALID",
      issues: [{ path: "tailscale.hostnamePrefix", message: expect.any(String) }],
    });
    expect(await readdir(dir)).toEqual([]);
  });

  it.each([
    { corrupt: '{"tailscale": {"authKey": "x",}}', cause: "CONFIG_INVALID_JSON" },
    { corrupt: '{"tailscale": {"hostnamePrefix": 5}}', cause: "CONFIG_INVALID" },
  ])("never overwrites a corrupt file ($cause) and leaves it byte-identical", async ({ corrupt, cause }) => {
    const dir = await tempDir();
    const file = path.join(dir, "config.json");
    await writeFile(file, corrupt);
    const error = await saveConfig({ github: { token: "ghp_FAKEFAKEFAKEFAKE" } }, { dir }).catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: "CONFIG_CORRUPT_REFUSING_WRITE",
      file,
      cause: { code: cause },
      message: expect.stringMatching(/config\.json: not saving.*fix it or move it aside/),
    });
    expect(await readFile(file, "utf8")).toBe(corrupt);
    expect(await readdir(dir)).toEqual(["config.json"]);
  });
});

// A real full disk: a 16 KiB tmpfs. We run as root in the test environment, so a
// read-only directory would not stop the write; if the mount fails, this fails.
describe("saveConfig on a full file system", () => {
  let dir = "";

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), "perry-config-tmpfs-"));
    execFileSync("mount", ["-t", "tmpfs", "-o", "size=16k,mode=0700", "tmpfs", dir]);
  });

  afterAll(async () => {
    if (dir === "") return;
    try {
      execFileSync("umount", [dir]);
    } finally {
      await rmdir(dir);
    }
  });

  it("keeps the previous file intact, removes the temp file and reports CONFIG_IO", async () => {
    await saveConfig({ tailscale: { authKey: FAKE_AUTH_KEY } }, { dir });
    const before = await readFile(path.join(dir, "config.json"), "utf8");

    const huge = { tailscale: { authKey: FAKE_AUTH_KEY }, notes: "x".repeat(64 * 1024) };
    await expect(saveConfig(huge, { dir })).rejects.toMatchObject({
      code: "CONFIG_IO",
      cause: { code: "ENOSPC" },
      message: expect.stringMatching(/config\.json: could not save the config file: no space left on the device/),
    });
    expect(await readFile(path.join(dir, "config.json"), "utf8")).toBe(before);
    expect(await readdir(dir)).toEqual(["config.json"]);
    expect((await loadConfig({ dir })).config.tailscale.authKey).toBe(FAKE_AUTH_KEY);
  });
});
