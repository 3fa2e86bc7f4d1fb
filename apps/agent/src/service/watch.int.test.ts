import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createApiClient, type WorkspaceEvent } from "@perry/api-client";
import { createWorkspaceDocker } from "@perry/docker";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningAgent, startAgent } from "../server.js";
import { isolatedEnv, uniqueName } from "../test-support/agent.js";

describe("live workspace events", () => {
  let agent: RunningAgent;
  let root: string;
  const docker = createWorkspaceDocker();
  const name = uniqueName("watch");

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), "perry-watch-"));
    agent = await startAgent({ port: 0, env: isolatedEnv(root), log: () => {} });
  });
  afterAll(async () => {
    await docker.remove(name).catch(() => {});
    await agent?.close();
    rmSync(root, { recursive: true, force: true });
  });

  it("pushes a change made behind the agent's back (docker stop, docker rm) to SSE subscribers", async () => {
    const client = createApiClient({ baseUrl: agent.url });
    await client.startWorkspace(name, { create: true });
    const abort = new AbortController();
    const seen: WorkspaceEvent[] = [];
    const reading = (async () => {
      for await (const event of client.events(abort.signal)) {
        seen.push(event);
        if (event.type === "workspace-removed" && event.name === name) return;
      }
    })().catch(() => {});
    // Let the subscription open before acting.
    await new Promise((resolve) => setTimeout(resolve, 300));
    const until = async (found: () => boolean) => {
      const deadline = Date.now() + 20_000;
      while (!found() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    };
    await docker.docker.getContainer(`workspace-${name}`).stop({ t: 5 });
    await until(() => seen.some((e) => e.type === "workspace" && e.workspace.status === "stopped"));
    await docker.docker.getContainer(`workspace-${name}`).remove({ force: true });
    await until(() => seen.some((e) => e.type === "workspace-removed"));
    abort.abort();
    await reading;
    expect(seen).toContainEqual(expect.objectContaining({ type: "workspace", workspace: expect.objectContaining({ name, status: "stopped" }) }));
    expect(seen).toContainEqual({ type: "workspace-removed", name });
  });
});
