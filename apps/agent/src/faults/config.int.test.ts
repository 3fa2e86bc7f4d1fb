import { execFile } from "node:child_process";
import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { startAgent } from "../server.js";
import { testAgent } from "../test-support/agent.js";
import { isolatedEnv } from "../test-support/agent.js";

const exec = promisify(execFile);

async function withRoot<T>(work: (root: string) => Promise<T>): Promise<T> {
  const root = await mkdtemp(join(tmpdir(), "perry-fault-config-"));
  try {
    return await work(root);
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}

const envFor = (root: string) => isolatedEnv(root);

describe("a bad config.json at agent start", () => {
  it.each([
    ["corrupt JSON", '{\n  "tailscale": {\n    "hostnamePrefix": "perry-",,\n  }\n}\n', /config\.json.*line 3, column \d+/],
    ["a wrong type", '{\n  "tailscale": { "hostnamePrefix": 42 },\n  "agent": { "allowedTags": "tag:ci" }\n}\n', /tailscale\.hostnamePrefix/],
  ])("refuses to start on %s, naming the file and where, and leaves the file untouched", async (_what, text, where) =>
    withRoot(async (root) => {
      await mkdir(join(root, "config"), { recursive: true });
      const file = join(root, "config", "config.json");
      await writeFile(file, text, { mode: 0o600 });
      await expect(startAgent({ port: 0, env: envFor(root), log: () => {} })).rejects.toMatchObject({ name: "AgentStartError", code: "CONFIG_INVALID", message: expect.stringMatching(where) });
      expect(await readFile(file, "utf8")).toBe(text);
      expect(await readdir(join(root, "config"))).toEqual(["config.json"]);
    }),
  );
});

describe("a config save that fails midway (full disk)", () => {
  it("answers an error to PATCH /api/config and leaves the previous file intact, without temp files", async () => {
    const mount = await mkdtemp(join(tmpdir(), "perry-tmpfs-"));
    await exec("mount", ["-t", "tmpfs", "-o", "size=64k", "tmpfs", mount]);
    try {
      const configDir = join(mount, "config");
      const agent = await testAgent({ PERRY_CONFIG_DIR: configDir });
      try {
        const first = await agent.request("/api/config", { method: "PATCH", json: { tailscale: { hostnamePrefix: "perry-" } } });
        expect(first.status).toBe(200);
        const before = await readFile(join(configDir, "config.json"), "utf8");
        // Fill the file system so the next save runs out of space part-way through writing.
        await exec("sh", ["-c", `dd if=/dev/zero of=${join(mount, "filler")} bs=1k count=1000 2>/dev/null || true`]);
        const key = `ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI${"A".repeat(43)} someone@host`;
        const res = await agent.request("/api/config", { method: "PATCH", json: { ssh: { authorizedKeys: Array.from({ length: 40 }, () => key) } } });
        expect(res.status).toBeGreaterThanOrEqual(400);
        expect((await res.json()).error.message).toMatch(/could not save the config file/);
        expect(await readFile(join(configDir, "config.json"), "utf8")).toBe(before);
        expect(await readdir(configDir)).toEqual(["config.json"]);
        expect((await (await agent.request("/api/config")).json()).tailscale.hostnamePrefix).toBe("perry-");
      } finally {
        await agent.cleanup();
      }
    } finally {
      await exec("umount", [mount]);
      await rm(mount, { recursive: true, force: true });
    }
  });
});
