/** `perry info` without a name: the agent, Docker and Tailscale as the agent sees them. */
import type { AgentInfo } from "@perry/api-client";
import { renderFields } from "./table.js";

const KEY_SOURCES = { file: "config.json", env: "PERRY_TAILSCALE_AUTH_KEY", none: "not set" } as const;

/** Renders `GET /api/info`; secrets arrive already masked by the agent. */
export function renderAgentInfo(info: AgentInfo, url: string): string {
  const ts = info.tailscale;
  const wts = info.workspaceTailscale;
  return renderFields([
    ["Agent", url],
    ["Version", info.version],
    ["Host", info.hostname],
    ["Docker", info.docker.available ? `available${info.docker.version ? ` (${info.docker.version})` : ""}` : `unavailable${info.docker.error ? `: ${info.docker.error}` : ""}`],
    ["Tailscale", ts.message ? `${ts.state} (${ts.message})` : ts.state],
    ["DNS name", ts.dnsName],
    ["Tailnet IPs", ts.ips.length > 0 ? ts.ips.join(", ") : undefined],
    ["HTTPS", ts.serve === "enabled" && ts.httpsUrl ? ts.httpsUrl : undefined],
    ["Serve", ts.serve],
    ["Tailnet URL", ts.tailnetUrl],
    ["Workspaces on tailnet", wts.enabled ? "enabled" : "disabled"],
    ["Hostname prefix", wts.hostnamePrefix === "" ? "(none)" : wts.hostnamePrefix],
    ["Auth key", wts.authKey ? `${wts.authKey} (from ${KEY_SOURCES[wts.source]})` : KEY_SOURCES[wts.source]],
  ]);
}
