import type { WhoIsJson } from "./schemas.js";

/** Who is behind a tailnet address: the node and its owner. */
export interface TailscaleWhois {
  /** The node's MagicDNS name without the trailing dot. */
  readonly nodeName: string;
  /** Stable node ID (e.g. "nXXXXCNTRL"), the ID to store. */
  readonly nodeId: string;
  readonly userId: number;
  readonly userLoginName: string;
  /** ACL tags of the node; tagged nodes have no human owner. */
  readonly tags: string[];
}

/** Turns parsed `tailscale whois --json` into a `TailscaleWhois`. */
export function toWhois(json: WhoIsJson): TailscaleWhois {
  return {
    nodeName: json.Node.Name.replace(/\.$/, ""),
    nodeId: json.Node.StableID ?? String(json.Node.ID ?? ""),
    userId: json.UserProfile.ID,
    userLoginName: json.UserProfile.LoginName,
    tags: json.Node.Tags ?? [],
  };
}
