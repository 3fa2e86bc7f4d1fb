import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createApiClient } from "@perry/api-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningAgent, startAgent } from "./server.js";
import { isolatedEnv } from "./test-support/agent.js";

async function until(check: () => Promise<boolean>, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe("config.json edited by hand while the agent runs", () => {
  let agent: RunningAgent;
  let root: string;
  const lines: string[] = [];

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), "perry-config-watch-"));
    agent = await startAgent({ port: 0, env: isolatedEnv(root), log: (line) => lines.push(line) });
  });
  afterAll(async () => {
    await agent?.close();
    rmSync(root, { recursive: true, force: true });
  });

  it("is reloaded, so the next start uses it (user docs, Option D)", async () => {
    const client = createApiClient({ baseUrl: agent.url });
    writeFileSync(join(root, "config", "config.json"), JSON.stringify({ tailscale: { hostnamePrefix: "hand-" } }));
    await until(async () => (await client.getConfig()).tailscale.hostnamePrefix === "hand-");
  });

  it("keeps the previous settings and says why when the edit breaks the file, leaving it untouched", async () => {
    const client = createApiClient({ baseUrl: agent.url });
    const file = join(root, "config", "config.json");
    writeFileSync(file, '{ "tailscale": { "hostnamePrefix": ');
    await until(async () => lines.some((line) => line.includes("keeping the previous settings")));
    expect(lines.find((line) => line.includes("keeping the previous settings"))).toMatch(/config\.json.*line 1/);
    expect((await client.getConfig()).tailscale.hostnamePrefix).toBe("hand-");
    expect(readFileSync(file, "utf8")).toBe('{ "tailscale": { "hostnamePrefix": ');
  });
});
