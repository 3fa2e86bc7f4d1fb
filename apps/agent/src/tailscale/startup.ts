import type { AgentTailscale } from "@perry/api-client";
import { isTailscaleError, type ServeHandle, type TailscaleClient, type TailscaleStatus } from "@perry/tailscale";

/** The agent's Tailscale view before detection ran, or on a host without Tailscale. */
export const NO_TAILSCALE: AgentTailscale = { state: "not-installed", ips: [], httpsEnabled: false, serve: "unavailable" };

/** What detection found, before the agent listens. */
export interface Detection {
  status: TailscaleStatus;
  view: AgentTailscale;
}

/**
 * Reads the host's Tailscale status and logs `[agent] Tailscale detected: <dns name>` when it runs.
 * Never throws: any failure means "localhost only" (user docs, Behavior Summary).
 */
export async function detectTailscale(client: TailscaleClient, log: (line: string) => void): Promise<Detection> {
  const status = await client.status();
  if (!status.installed) return { status, view: NO_TAILSCALE };
  const ips = [status.ipv4, status.ipv6].filter((ip): ip is string => ip !== undefined);
  const base = { ips, httpsEnabled: status.httpsEnabled, serve: "unavailable" as const, ...(status.dnsName ? { dnsName: status.dnsName } : {}) };
  if (!status.running) {
    log("[agent] Tailscale is installed but tailscaled is not running; the agent stays on localhost");
    return { status, view: { ...base, state: "not-running", ...(status.error ? { message: status.error.remedy } : {}) } };
  }
  if (status.backendState !== "Running") {
    const state = status.backendState === "Stopped" ? "stopped" : status.backendState === "NeedsLogin" || status.backendState === "NeedsMachineAuth" ? "needs-login" : "error";
    log(`[agent] Tailscale is not connected (${status.backendState ?? "unknown state"}); the agent stays on localhost`);
    return { status, view: { ...base, state } };
  }
  log(`[agent] Tailscale detected: ${status.dnsName ?? status.ipv4 ?? "this machine"}`);
  return { status, view: { ...base, state: "running" } };
}

/** The outcome of trying Tailscale Serve. */
export interface ServeOutcome {
  view: AgentTailscale;
  handle?: ServeHandle;
  /** Lines to log after "Agent running at …" (the docs print the HTTPS URL last). */
  after: string[];
  /** Listen on the host's tailnet address too (HTTPS is off, so Serve cannot front the agent). */
  listenOnTailnet: boolean;
}

/**
 * Behavior Summary, agent rows: HTTPS + operator → Serve; HTTPS without operator → the docs' three lines and
 * localhost only; no HTTPS → reachable on the tailnet IP.
 */
export async function setUpServe(client: TailscaleClient, detection: Detection, port: number, log: (line: string) => void): Promise<ServeOutcome> {
  const { view } = detection;
  if (view.state !== "running") return { view, after: [], listenOnTailnet: false };
  if (!view.httpsEnabled) {
    log("[agent] Tailscale HTTPS not enabled in tailnet");
    return { view: { ...view, serve: "unavailable", message: "Enable HTTPS certificates in your Tailscale DNS settings." }, after: [], listenOnTailnet: true };
  }
  try {
    const { url, handle } = await client.enableServe({ port });
    log("[agent] Tailscale Serve enabled");
    return { view: { ...view, serve: "enabled", httpsUrl: url }, handle, after: [`[agent] Tailscale HTTPS: ${url}`], listenOnTailnet: false };
  } catch (error) {
    if (isTailscaleError(error, "TAILSCALE_ACCESS_DENIED")) {
      log("[agent] Tailscale Serve requires operator permissions");
      log("[agent] To enable: Run: sudo tailscale set --operator=$USER");
      log("[agent] Continuing without HTTPS...");
      return { view: { ...view, serve: "denied", message: "Run: sudo tailscale set --operator=$USER and restart the agent" }, after: [], listenOnTailnet: false };
    }
    if (isTailscaleError(error, "TAILSCALE_HTTPS_DISABLED")) {
      log("[agent] Tailscale HTTPS not enabled in tailnet");
      return { view: { ...view, serve: "unavailable", message: "Enable HTTPS certificates in your Tailscale DNS settings." }, after: [], listenOnTailnet: true };
    }
    const reason = error instanceof Error ? error.message : String(error);
    log(`[agent] Tailscale Serve failed: ${reason}`);
    log("[agent] Continuing without HTTPS...");
    return { view: { ...view, serve: "unavailable", message: reason }, after: [], listenOnTailnet: false };
  }
}
