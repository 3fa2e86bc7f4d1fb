import type { WorkspaceTailscale } from "./api.js";

/** What a workspace card says about the tailnet: the hostname when connected, otherwise the state and why. */
export interface TailscaleSummary {
  /** Short text after "Tailscale:", e.g. "perry-myproject" or "waiting for an admin to approve the device". */
  text: string;
  /** Extra sentence: the drifted name, or the agent's reason and fix. */
  detail?: string;
  /** The name to reach the workspace by, when connected. */
  host?: string;
  tone: "ok" | "muted" | "warn" | "error";
}

const STATE_TEXT: Record<Exclude<WorkspaceTailscale["state"], "running">, Omit<TailscaleSummary, "detail">> = {
  disabled: { text: "off (no auth key configured)", tone: "muted" },
  "pending-restart": { text: "settings changed, restart the workspace to apply", tone: "warn" },
  stopped: { text: "not connected (workspace stopped)", tone: "muted" },
  starting: { text: "connecting…", tone: "muted" },
  "needs-login": { text: "auth key refused or expired", tone: "error" },
  "needs-approval": { text: "waiting for an admin to approve the device", tone: "warn" },
  waiting: { text: "control server unreachable, retrying", tone: "warn" },
  error: { text: "error", tone: "error" },
  unknown: { text: "no report yet", tone: "muted" },
};

/** Summarises a workspace's Tailscale part for display. */
export function summarizeTailscale(ts: WorkspaceTailscale): TailscaleSummary {
  if (ts.state === "running") {
    const host = ts.actualHostname ?? ts.hostname ?? ts.dnsName ?? ts.ips[0] ?? "";
    const drifted = ts.actualHostname !== undefined && ts.hostname !== undefined && ts.actualHostname !== ts.hostname;
    return {
      text: host,
      host,
      tone: ts.online ? "ok" : "warn",
      ...(drifted
        ? { detail: `Asked for ${ts.hostname}, the tailnet named it ${ts.actualHostname} (another device has that name).` }
        : ts.online
          ? {}
          : { detail: "Connected, but the tailnet reports it offline." }),
    };
  }
  return { ...STATE_TEXT[ts.state], ...(ts.error ? { detail: ts.error } : {}) };
}
