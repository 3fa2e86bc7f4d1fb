import type { WorkspaceContainer } from "@perry/docker";
import { describe, expect, it } from "vitest";
import { presentWorkspace, statusOf } from "./present.js";
import { stateFromBackend, type TailscaleReport } from "./reports.js";

const startedAt = new Date("2026-12-03T10:00:00.000Z");
const container = (state: WorkspaceContainer["state"]): WorkspaceContainer & { startedAt: Date } => ({
  name: "myproject",
  id: "abc",
  containerName: "workspace-myproject",
  state,
  status: "Up 1 minute",
  image: "perry-workspace:latest",
  createdAt: startedAt,
  labels: {},
  tailscaleCapable: true,
  startedAt,
});
const report = (extra: Partial<TailscaleReport> = {}): TailscaleReport => ({
  enabled: true,
  state: "running",
  hostname: "myproject",
  dnsName: "myproject.tail-lab.ts.net",
  ips: ["100.64.0.5"],
  updatedAt: "2026-12-03T10:00:05.000Z",
  ...extra,
});

describe("stateFromBackend", () => {
  it.each([
    ["Running", undefined, "running"],
    ["NeedsMachineAuth", undefined, "needs-approval"],
    ["NeedsLogin", undefined, "starting"],
    ["NeedsLogin", "invalid key: unable to validate API key", "needs-login"],
    ["NeedsLogin", "control server http://x is unreachable (connection refused)", "waiting"],
    ["Invalid", "hostname is not a DNS label", "error"],
    ["DaemonFailed", "tailscaled did not answer", "error"],
    ["Starting", undefined, "starting"],
  ] as const)("maps %s with error %j to %s", (backend, error, state) => {
    expect(stateFromBackend(backend, error)).toBe(state);
  });
});

describe("presentWorkspace", () => {
  it("shows the hostname, FQDN and IPs of a connected workspace", () => {
    const ws = presentWorkspace(container("running"), { enabled: true, hostname: "myproject" }, report());
    expect(ws.tailscale).toMatchObject({ state: "running", hostname: "myproject", actualHostname: "myproject", dnsName: "myproject.tail-lab.ts.net", online: true });
  });

  it("says when the tailnet gave another name than requested", () => {
    const ws = presentWorkspace(container("running"), { enabled: true, hostname: "myproject" }, report({ dnsName: "myproject-1.tail-lab.ts.net" }));
    expect(ws.tailscale.actualHostname).toBe("myproject-1");
  });

  it("ignores a report from before the current start", () => {
    const ws = presentWorkspace(container("running"), { enabled: true, hostname: "myproject" }, report({ updatedAt: "2026-12-03T09:00:00.000Z" }));
    expect(ws.tailscale.state).toBe("starting");
  });

  it("asks for a restart when the settings changed since the workspace started", () => {
    const ws = presentWorkspace(container("running"), { enabled: true, hostname: "perry-myproject" }, report());
    expect(ws.tailscale.state).toBe("pending-restart");
  });

  it("reports a stopped workspace as stopped and one without a key as disabled", () => {
    expect(presentWorkspace(container("exited"), { enabled: true, hostname: "myproject" }, report()).tailscale.state).toBe("stopped");
    expect(presentWorkspace(container("running"), { enabled: false }, undefined).tailscale.state).toBe("disabled");
    expect(statusOf("exited")).toBe("stopped");
  });
});
