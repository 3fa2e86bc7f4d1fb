import type { TailscaleError } from "./errors.js";
import type { StatusJson } from "./schemas.js";

/** tailscaled's backend state; other strings may appear in newer versions. */
export type BackendState = "NoState" | "NeedsLogin" | "NeedsMachineAuth" | "Stopped" | "Starting" | "Running" | (string & {});

/** Another device on the tailnet, as this node sees it. */
export interface PeerStatus {
  readonly hostName: string;
  /** MagicDNS name without the trailing dot; empty when the peer has none. */
  readonly dnsName: string;
  readonly ips: string[];
  readonly online: boolean;
  readonly userId: number | undefined;
  readonly tags: string[];
  readonly os: string | undefined;
}

/** This machine's Tailscale state; `installed`/`running` say how far we got. */
export interface TailscaleStatus {
  /** The CLI was found and could be started. */
  readonly installed: boolean;
  /** tailscaled answered (in any backend state). */
  readonly running: boolean;
  readonly backendState?: BackendState;
  /** MagicDNS name without the trailing dot, e.g. "my-laptop.tail1234.ts.net". */
  readonly dnsName?: string;
  readonly hostName?: string;
  readonly magicDnsSuffix?: string;
  readonly tailnetName?: string;
  readonly ipv4?: string;
  readonly ipv6?: string;
  /** The tailnet issues HTTPS certificates for this node (CertDomains is non-empty). */
  readonly httpsEnabled: boolean;
  readonly certDomains: string[];
  /** tailscaled's health warnings, verbatim. */
  readonly health: string[];
  readonly selfUser?: { readonly id: number; readonly loginName: string };
  readonly peers: PeerStatus[];
  /** Why `installed` or `running` is false, or another failure of the status call. */
  readonly error?: TailscaleError;
}

const trimDot = (name: string | undefined): string => (name ?? "").replace(/\.$/, "");
const nonEmpty = (value: string | undefined): string | undefined => (value ? value : undefined);

/** Turns parsed `tailscale status --json` into a `TailscaleStatus`. */
export function toTailscaleStatus(json: StatusJson): TailscaleStatus {
  const self = json.Self ?? undefined;
  const ips = self?.TailscaleIPs ?? [];
  const certDomains = json.CertDomains ?? [];
  const user = self?.UserID ? json.User?.[String(self.UserID)] : undefined;
  const peers = Object.values(json.Peer ?? {}).map(
    (peer): PeerStatus => ({
      hostName: peer.HostName ?? "",
      dnsName: trimDot(peer.DNSName),
      ips: peer.TailscaleIPs ?? [],
      online: peer.Online ?? false,
      userId: peer.UserID,
      tags: peer.Tags ?? [],
      os: peer.OS,
    }),
  );
  return {
    installed: true,
    running: true,
    backendState: json.BackendState,
    dnsName: nonEmpty(trimDot(self?.DNSName)),
    hostName: nonEmpty(self?.HostName),
    magicDnsSuffix: nonEmpty(json.CurrentTailnet?.MagicDNSSuffix ?? json.MagicDNSSuffix),
    tailnetName: nonEmpty(json.CurrentTailnet?.Name),
    ipv4: ips.find((ip) => !ip.includes(":")),
    ipv6: ips.find((ip) => ip.includes(":")),
    httpsEnabled: certDomains.length > 0,
    certDomains,
    health: json.Health ?? [],
    selfUser: user ? { id: user.ID, loginName: user.LoginName ?? "" } : undefined,
    peers,
  };
}

/** The status to report when the CLI could not tell us anything. */
export function unavailableStatus(error: TailscaleError): TailscaleStatus {
  return {
    installed: error.code !== "TAILSCALE_NOT_INSTALLED",
    running: false,
    httpsEnabled: false,
    certDomains: [],
    health: [],
    peers: [],
    error,
  };
}
