import { hostname } from "node:os";
import type { AgentInfo, AgentTailscale } from "@perry/api-client";
import { type ConfigStore, maskSecret, tailscaleSettings } from "@perry/config";
import type { WorkspaceDocker } from "@perry/docker";
import { Hono } from "hono";

/** What /api/info needs; `tailscale()` returns the agent's current view of its host's Tailscale. */
export interface InfoDeps {
  version: string;
  url: () => string;
  docker: WorkspaceDocker;
  config: ConfigStore;
  tailscale: () => AgentTailscale;
}

/** /api/info: the agent, its Docker, its Tailscale (user docs: `perry info`). */
export function infoRoutes(deps: InfoDeps) {
  return new Hono().get("/", async (c) => {
    const docker = await deps.docker.version().then(
      (version) => ({ available: true, version }),
      (error: unknown) => ({ available: false, error: error instanceof Error ? error.message : String(error) }),
    );
    const ts = tailscaleSettings(deps.config.get());
    const info: AgentInfo = {
      version: deps.version,
      hostname: hostname(),
      url: deps.url(),
      docker,
      tailscale: deps.tailscale(),
      workspaceTailscale: {
        enabled: ts.enabled,
        hostnamePrefix: ts.hostnamePrefix,
        source: ts.source,
        ...(ts.authKey ? { authKey: maskSecret(ts.authKey) } : {}),
      },
    };
    return c.json(info, 200);
  });
}
