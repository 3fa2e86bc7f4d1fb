import type { Workspace, WorkspaceTailscale } from "@perry/api-client";

/** A workspace as the agent reports it, with the parts a test cares about overridden. */
export function workspace(overrides: Partial<Omit<Workspace, "tailscale">> & { tailscale?: Partial<WorkspaceTailscale> } = {}): Workspace {
  const { tailscale, ...rest } = overrides;
  return {
    name: "myproject",
    status: "running",
    dockerStatus: "Up 3 minutes",
    container: "workspace-myproject",
    image: "perry-workspace:latest",
    createdAt: "2025-01-01T12:00:00.000Z",
    ...rest,
    tailscale: { state: "disabled", ips: [], online: false, ...tailscale },
  };
}
