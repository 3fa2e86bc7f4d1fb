import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createWorkspaceDocker } from "@perry/docker";
import { buildAgent, loadConfig } from "../server.js";
import { readSettings } from "../settings.js";

/** A unique workspace name for this run. */
export function uniqueName(prefix = "t"): string {
  return `${prefix}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 7)}`;
}

/**
 * The environment of an agent that touches nothing of the machine's own Perry or Tailscale setup: config and
 * state under `root`, no Tailscale detection/Serve on the host, no log upload from test workspaces.
 */
export function isolatedEnv(root: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    PATH: process.env.PATH ?? "",
    HOME: root,
    PERRY_CONFIG_DIR: join(root, "config"),
    PERRY_STATE_DIR: join(root, "state"),
    PERRY_TAILSCALE_NO_LOGS: "1",
    PERRY_TAILSCALE_SERVE: "0",
    ...extra,
  };
}

/** An agent app wired to the real Docker engine, with its own temp config and state dirs. */
export async function testAgent(env: Record<string, string> = {}) {
  const root = await mkdtemp(join(tmpdir(), "perry-agent-test-"));
  const fullEnv = isolatedEnv(root, env);
  const settings = readSettings(fullEnv);
  const config = await loadConfig(fullEnv);
  const lines: string[] = [];
  const agent = buildAgent({ settings, config, log: (line) => lines.push(line), url: () => "http://localhost:0", home: root });
  const created = new Set<string>();
  const docker = createWorkspaceDocker();

  // Tests read bodies loosely; the contract's schemas are checked by the client's own tests.
  // biome-ignore lint/suspicious/noExplicitAny: test convenience
  type LooseResponse = Omit<Response, "json"> & { json(): Promise<any> };
  const request = (path: string, init: RequestInit & { json?: unknown } = {}): Promise<LooseResponse> => {
    const { json, ...rest } = init;
    return Promise.resolve(agent.app.request(path, {
      ...rest,
      ...(json !== undefined ? { body: JSON.stringify(json), headers: { "content-type": "application/json", ...rest.headers } } : {}),
    }));
  };

  return {
    ...agent,
    root,
    config,
    lines,
    docker,
    request,
    /** Remember a name so cleanup removes it even when the test fails. */
    track(name: string) {
      created.add(name);
      return name;
    },
    async cleanup() {
      await Promise.all([...created].map((name) => docker.remove(name).catch(() => undefined)));
      await rm(root, { recursive: true, force: true });
    },
  };
}
