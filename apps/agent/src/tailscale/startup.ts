import type { AgentTailscale } from "@perry/api-client";

/** The agent's Tailscale view before detection ran, or on a host without Tailscale. */
export const NO_TAILSCALE: AgentTailscale = { state: "not-installed", ips: [], httpsEnabled: false, serve: "unavailable" };
