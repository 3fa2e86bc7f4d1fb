import { execFile, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testAgent, uniqueName } from "../test-support/agent.js";

// Restarts the machine's only Docker engine, so every container on it stops for a while. It runs
// alone: vitest.config.ts leaves this file out and `pnpm --filter @perry/agent test:dockerd` runs it
// by itself (vitest.dockerd.config.ts). dockerd is started again exactly as scripts/test-env.sh
// does, in a finally, whatever happens.
const exec = promisify(execFile);
const SOCKET = "/var/run/docker.sock";

async function waitUntil(what: string, check: () => Promise<boolean>, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check().catch(() => false)) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`timed out waiting for ${what}`);
}

const dockerUp = () => exec("docker", ["info", "--format", "{{.ServerVersion}}"], { timeout: 10_000 }).then(() => true);

async function stopDockerd(): Promise<void> {
  const pid = Number((await exec("pidof", ["dockerd"])).stdout.trim().split(/\s+/)[0]);
  if (!pid) throw new Error("dockerd is not running");
  process.kill(pid, "SIGTERM");
  await waitUntil("dockerd to exit", async () => !existsSync(SOCKET) && (await exec("pidof", ["dockerd"]).then(() => false, () => true)));
}

async function startDockerd(): Promise<void> {
  if (await dockerUp().catch(() => false)) return;
  const child = spawn("sh", ["-c", "mkdir -p /var/log/perry && nohup dockerd >>/var/log/perry/dockerd.log 2>&1 &"], { detached: true, stdio: "ignore" });
  child.unref();
  await waitUntil("docker info", dockerUp, 90_000);
}

describe("Docker daemon restarted while the agent runs", () => {
  let agent: Awaited<ReturnType<typeof testAgent>>;
  const name = uniqueName("dockerd");
  beforeAll(async () => {
    agent = await testAgent();
  });
  afterAll(async () => {
    await startDockerd();
    await agent?.cleanup();
  });

  it("answers 503 while Docker is down, recovers without a restart, and loses no workspace", async () => {
    agent.track(name);
    expect((await agent.request("/api/workspaces", { method: "POST", json: { name } })).status).toBe(201);
    try {
      await stopDockerd();
      const down = await agent.request("/api/workspaces");
      expect(down.status).toBe(503);
      expect((await down.json()).error).toMatchObject({ code: "DOCKER_UNAVAILABLE", message: expect.any(String) });
      expect((await agent.request(`/api/workspaces/${name}`)).status).toBe(503);
      expect((await agent.request("/api/health")).status).toBe(200);
    } finally {
      await startDockerd();
    }
    const up = await agent.request("/api/workspaces");
    expect(up.status).toBe(200);
    expect(((await up.json()).workspaces as { name: string }[]).map((w) => w.name)).toContain(name);
    // The restart policy (unless-stopped) brings the workspace back by itself.
    await waitUntil("the workspace to run again", async () => (await (await agent.request(`/api/workspaces/${name}`)).json()).status === "running", 60_000);
  });
});
