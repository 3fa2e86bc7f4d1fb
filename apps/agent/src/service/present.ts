import type { Workspace, WorkspaceStatus, WorkspaceTailscale } from "@perry/api-client";
import type { WorkspaceContainer } from "@perry/docker";
import { firstLabel } from "@perry/tailscale";
import type { TailscaleReport } from "./reports.js";

/** Docker's container state in the words the API uses. */
export function statusOf(state: WorkspaceContainer["state"]): WorkspaceStatus {
  switch (state) {
    case "running":
    case "paused":
    case "restarting":
    case "removing":
    case "dead":
    case "created":
      return state;
    default:
      return "stopped";
  }
}

/** What Perry wants for a workspace's tailnet node right now. */
export interface DesiredTailscale {
  enabled: boolean;
  hostname?: string;
  /** Why the workspace cannot join, e.g. the prefix makes an invalid hostname. */
  problem?: string;
}

/** Builds the API's view of one workspace from its container and its latest tailnet report. */
export function presentWorkspace(
  container: WorkspaceContainer & { startedAt?: Date },
  desired: DesiredTailscale,
  report: TailscaleReport | undefined,
): Workspace {
  const status = statusOf(container.state);
  return {
    name: container.name,
    status,
    dockerStatus: container.status,
    container: container.containerName,
    image: container.image,
    createdAt: container.createdAt.toISOString(),
    tailscale: presentTailscale(status, desired, report, container.startedAt),
  };
}

function presentTailscale(
  status: WorkspaceStatus,
  desired: DesiredTailscale,
  report: TailscaleReport | undefined,
  startedAt?: Date,
): WorkspaceTailscale {
  const base = { ips: [] as string[], online: false, ...(desired.hostname ? { hostname: desired.hostname } : {}) };
  // A report from before the current start describes an earlier run; ignore it.
  const fresh = report && (!startedAt || new Date(report.updatedAt).getTime() >= startedAt.getTime() - 1000) ? report : undefined;
  if (!desired.enabled && !fresh?.enabled) return { ...base, state: "disabled" };
  if (desired.problem) return { ...base, state: "error", error: desired.problem };
  if (status !== "running") return { ...base, state: "stopped" };
  if (!fresh) return { ...base, state: "starting" };
  if (fresh.enabled !== desired.enabled || (desired.hostname && fresh.hostname && fresh.hostname !== desired.hostname)) {
    return {
      ...base,
      ...reportFields(fresh),
      state: "pending-restart",
      error: "Tailscale settings changed; restart the workspace to apply them",
    };
  }
  return { ...base, ...reportFields(fresh), state: fresh.state };
}

function reportFields(report: TailscaleReport): Partial<WorkspaceTailscale> {
  return {
    ips: report.ips,
    online: report.state === "running",
    updatedAt: report.updatedAt,
    ...(report.dnsName ? { dnsName: report.dnsName } : {}),
    // The name the tailnet gave; differs from `hostname` when it drifted (myproject-1).
    ...(report.dnsName ? { actualHostname: firstLabel(report.dnsName) } : {}),
    ...(report.error ? { error: report.error } : {}),
    ...(report.restarts ? { restarts: report.restarts } : {}),
    ...(report.lastRestart ? { lastRestart: report.lastRestart } : {}),
  };
}
