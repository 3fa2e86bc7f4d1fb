import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadConfig } from "./load.js";
import { FAKE_AUTH_KEY, useTempDirs } from "./test-support/temp-dir.js";

describe("loadConfig", () => {
  const tempDir = useTempDirs();

  it("gives the defaults when there is no file", async () => {
    const dir = await tempDir();
    const loaded = await loadConfig({ dir: path.join(dir, "missing") });
    expect(loaded.exists).toBe(false);
    expect(loaded.document).toEqual({});
    expect(loaded.config.tailscale).toEqual({ hostnamePrefix: "", tags: [] });
  });

  it("reads the file in the given directory", async () => {
    const dir = await tempDir();
    await writeFile(path.join(dir, "config.json"), JSON.stringify({ tailscale: { authKey: FAKE_AUTH_KEY } }));
    const loaded = await loadConfig({ dir });
    expect(loaded).toMatchObject({ exists: true, file: path.join(dir, "config.json") });
    expect(loaded.config.tailscale.authKey).toBe(FAKE_AUTH_KEY);
  });

  it("names the file, line and column of invalid JSON, abbreviating home to ~", async () => {
    const home = await tempDir();
    const dir = path.join(home, ".config", "perry");
    await mkdir(dir, { recursive: true });
    await writeFile(path.join(dir, "config.json"), '{\n  "tailscale": {\n    "hostnamePrefix": "perry-"\n  }\n');
    await expect(loadConfig({ dir, home })).rejects.toMatchObject({
      code: "CONFIG_INVALID_JSON",
      file: path.join(dir, "config.json"),
      position: { line: 5, column: 1 },
      message: expect.stringMatching(/^~\/\.config\/perry\/config\.json: invalid JSON at line 5, column 1: unexpected end of file/),
    });
  });

  it("maps a read failure to CONFIG_IO", async () => {
    const dir = await tempDir();
    await mkdir(path.join(dir, "config.json"));
    await expect(loadConfig({ dir })).rejects.toMatchObject({ code: "CONFIG_IO", message: expect.stringMatching(/the path is a directory/) });
  });
});
