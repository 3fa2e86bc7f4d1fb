import type { PeerStatus, TailscaleWhois } from "@perry/tailscale";
import { addressKind, normaliseAddress } from "./addresses.js";
import type { RequestOrigin } from "./policy.js";

/** The TCP peer of a connection, as the socket reports it. */
export interface ConnectionPeer {
  address: string;
  port: number;
}

/** The host tailscaled, as far as identification needs it. */
export interface TailnetLookup {
  /** Whether a host tailscaled is up; without it nothing can arrive from the tailnet through loopback. */
  running(): boolean;
  /** `tailscale whois` for `ip` or `ip:port`; undefined when tailscaled does not know the address. */
  whois(address: string): Promise<TailscaleWhois | undefined>;
  /** `whois ip:port` of a loopback connection (callers cache it per connection: it cannot change). */
  whoisConnection(peer: ConnectionPeer): Promise<TailscaleWhois | undefined>;
  /** The host node's peers (for a device's addresses). */
  peers(): Promise<readonly PeerStatus[]>;
}

/** The only request headers identification reads: Tailscale Serve's, and only on loopback connections. */
export interface ServeHeaders {
  forwardedFor: string | undefined;
  funnel: boolean;
}

/**
 * Tells where a connection really comes from. Headers count only on loopback, where Tailscale Serve
 * overwrites them (X-Forwarded-For is the tailnet peer, Tailscale-Funnel-Request marks Funnel); a
 * userspace-networking tailscaled forwards tailnet connections to loopback and registers them, so
 * `whois ip:port` of a loopback peer unmasks those. Tailnet addresses are looked up with whois.
 */
export async function identifyOrigin(peer: ConnectionPeer, headers: ServeHeaders, tailnet: TailnetLookup): Promise<RequestOrigin> {
  const kind = addressKind(peer.address);
  if (kind === "tailnet") return tailnetOrigin(normaliseAddress(peer.address), tailnet);
  if (kind === "other") return { kind: "remote", address: normaliseAddress(peer.address) };

  if (tailnet.running()) {
    const forwarded = await tailnet.whoisConnection(peer).catch(() => undefined);
    if (forwarded) return withNodeIps({ kind: "tailnet", address: normaliseAddress(peer.address), who: forwarded, nodeIps: [] }, tailnet);
  }
  if (headers.funnel) return { kind: "funnel" };
  // Serve sets a single address; a local proxy appends, so the last entry is the nearest hop.
  const last = headers.forwardedFor?.split(",").pop()?.trim();
  if (last) {
    const ip = normaliseAddress(last);
    const lastKind = addressKind(ip);
    if (lastKind === "tailnet") return tailnetOrigin(ip, tailnet);
    if (lastKind === "other") return { kind: "remote", address: ip };
  }
  return { kind: "local" };
}

async function tailnetOrigin(address: string, tailnet: TailnetLookup): Promise<RequestOrigin> {
  const who = tailnet.running() ? await tailnet.whois(address).catch(() => undefined) : undefined;
  return withNodeIps({ kind: "tailnet", address, who, nodeIps: [] }, tailnet);
}

// A forwarded connection shows a loopback address; the device's own addresses come from the peer list.
async function withNodeIps(origin: Extract<RequestOrigin, { kind: "tailnet" }>, tailnet: TailnetLookup): Promise<RequestOrigin> {
  if (!origin.who) return origin;
  const name = origin.who.nodeName.toLowerCase();
  const peers = await tailnet.peers().catch(() => [] as readonly PeerStatus[]);
  const match = peers.find((p) => p.dnsName.toLowerCase() === name);
  return { ...origin, nodeIps: match ? match.ips.map(normaliseAddress) : [] };
}
