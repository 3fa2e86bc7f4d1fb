import { networkInterfaces, hostname } from "node:os";
import type { AgentTailscale } from "@perry/api-client";
import { type ConfigStore, readAgentToken } from "@perry/config";
import type { PeerStatus, TailscaleClient, TailscaleStatus } from "@perry/tailscale";
import type { TailscaleReports } from "../service/reports.js";
import { normaliseAddress } from "./addresses.js";
import { agentNames } from "./browser.js";
import type { AccessDeps } from "./middleware.js";

// The host node's owner and peers change rarely; a few seconds of staleness saves a CLI call per request.
const STATUS_TTL_MS = 5_000;

/** What the real access dependencies are built from. */
export interface AccessSources {
  /** The host tailscaled (undefined: no Tailscale, so nothing arrives from the tailnet). */
  tailscale: TailscaleClient | undefined;
  /** The agent's current view of its host's Tailscale (names, state). */
  view: () => AgentTailscale;
  listenHosts: () => readonly string[];
  /** Listening on all interfaces: every local address is one of the agent's names. */
  listenAll: boolean;
  config: ConfigStore;
  /** Directory of config.json and the agent-token file. */
  configDir: string;
  reports: TailscaleReports;
  log: (line: string) => void;
  now?: () => number;
}

/** Wires the access middleware to tailscaled, config.json, the token file and the workspace reports. */
export function createAccessDeps(sources: AccessSources): AccessDeps {
  const now = sources.now ?? Date.now;
  let cached: { at: number; status: Promise<TailscaleStatus | undefined> } | undefined;
  const status = () => {
    if (!sources.tailscale) return Promise.resolve(undefined);
    if (!cached || now() - cached.at > STATUS_TTL_MS) cached = { at: now(), status: sources.tailscale.status().catch(() => undefined) };
    return cached.status;
  };
  const localAddresses = sources.listenAll ? [hostname(), ...Object.values(networkInterfaces()).flatMap((list) => (list ?? []).map((i) => i.address))] : [];
  return {
    names: () => {
      const view = sources.view();
      return agentNames({ listenHosts: sources.listenHosts(), dnsName: view.httpsUrl ? new URL(view.httpsUrl).hostname : view.dnsName, tailnetIps: view.ips, extra: [...localAddresses, ...(view.dnsName ? [view.dnsName] : [])] });
    },
    tailnet: {
      running: () => sources.tailscale !== undefined && sources.view().state === "running",
      whois: (address) => (sources.tailscale ? sources.tailscale.whois(address) : Promise.resolve(undefined)),
      peers: async () => (await status())?.peers ?? ([] as PeerStatus[]),
    },
    policy: async () => {
      const [st, reports] = await Promise.all([status(), sources.reports.readAll()]);
      const workspaceIps = new Set<string>();
      const workspaceNames = new Set<string>();
      for (const report of reports.values()) {
        for (const ip of report.ips) workspaceIps.add(normaliseAddress(ip));
        if (report.dnsName) workspaceNames.add(report.dnsName.toLowerCase());
      }
      return { selfUser: st?.selfUser, workspaceIps, workspaceNames, allowedTags: sources.config.get().config.agent.allowedTags };
    },
    token: () => readAgentToken(sources.configDir),
    log: sources.log,
  };
}
