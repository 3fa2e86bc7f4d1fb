import type { TailscaleWhois } from "@perry/tailscale";

/** Who a request is attributed to once allowed. */
export interface Principal {
  kind: "local" | "tailnet" | "token";
  /** Login name, "local user" or "token holder". */
  who: string;
  /** The tailnet node, for tailnet principals. */
  node?: string;
}

/** The outcome of the access policy for one request. */
export type AccessDecision =
  | { allowed: true; principal: Principal }
  | { allowed: false; status: 401 | 403; code: "UNAUTHORIZED" | "FORBIDDEN"; message: string };

/** How a request reached the agent, as far as the network (never a request header) can tell. */
export type RequestOrigin =
  /** A process on this machine. */
  | { kind: "local" }
  /** A tailnet device: directly on the tailnet listener, forwarded by userspace tailscaled, or through Serve. */
  | { kind: "tailnet"; address: string; who: TailscaleWhois | undefined; nodeIps: readonly string[] }
  /** The public internet through Tailscale Funnel. */
  | { kind: "funnel" }
  /** Anything else: a LAN address when listening on all interfaces, or a local proxy forwarding a remote client. */
  | { kind: "remote"; address: string };

/** What the tailnet rule compares a device with. */
export interface TailnetPolicy {
  /** The owner of the agent's host node (`tailscale status` → Self's user). */
  selfUser: { id: number; loginName: string } | undefined;
  /** Tailnet addresses and MagicDNS names of Perry's own workspaces (from their reports). */
  workspaceIps: ReadonlySet<string>;
  workspaceNames: ReadonlySet<string>;
  /** `agent.allowedTags` from config.json. */
  allowedTags: readonly string[];
}

/** The presented bearer token: none, or whether it matched. */
export type TokenCheck = "none" | "valid" | "invalid";

const TOKEN_HINT = "run `perry agent token` on the agent's machine, then `perry config agent <host> --token <token>` on the client";

/**
 * The access policy: a valid token is enough anywhere; a wrong one is refused; otherwise local
 * processes are the local user, tailnet devices are judged by {@link decideTailnetDevice}, and
 * everything else needs a token.
 */
export function decideAccess(origin: RequestOrigin, token: TokenCheck, policy: TailnetPolicy): AccessDecision {
  if (token === "valid") return { allowed: true, principal: { kind: "token", who: "token holder" } };
  if (token === "invalid") return deny(401, "UNAUTHORIZED", `the bearer token is not this agent's token; ${TOKEN_HINT} (tokens change with \`perry agent token --rotate\`)`);
  switch (origin.kind) {
    case "local":
      return { allowed: true, principal: { kind: "local", who: "local user" } };
    case "tailnet":
      return decideTailnetDevice(origin, policy);
    case "funnel":
      return deny(403, "FORBIDDEN", `requests from the public internet (Tailscale Funnel) may not use this agent without a token; ${TOKEN_HINT}`);
    case "remote":
      return deny(403, "FORBIDDEN", `${origin.address} is neither this machine nor a device on its tailnet; use a token: ${TOKEN_HINT}`);
  }
}

/**
 * A tailnet device may use the agent when it is not one of Perry's workspaces (a workspace runs
 * untrusted code and must not drive the agent that hosts it), is not tagged (unless the tag is
 * allowed), and belongs to the same user as the agent's host node.
 */
export function decideTailnetDevice(origin: Extract<RequestOrigin, { kind: "tailnet" }>, policy: TailnetPolicy): AccessDecision {
  const { who } = origin;
  if (!who) return deny(403, "FORBIDDEN", `the tailnet device at ${origin.address} is unknown to this machine's tailscaled, so it may not use this agent`);
  const device = `${who.userLoginName || "unknown user"} (${who.nodeName || who.nodeId})`;
  const ips = [origin.address, ...origin.nodeIps];
  if (ips.some((ip) => policy.workspaceIps.has(ip)) || policy.workspaceNames.has(who.nodeName.toLowerCase())) {
    return deny(403, "FORBIDDEN", `${device} is one of Perry's workspaces and may not use the agent that hosts it; run perry commands from your own device`);
  }
  if (who.tags.length > 0) {
    if (who.tags.some((tag) => policy.allowedTags.includes(tag))) return { allowed: true, principal: { kind: "tailnet", who: who.tags.join(","), node: who.nodeName } };
    return deny(
      403,
      "FORBIDDEN",
      `${device} is tagged ${who.tags.join(", ")} and may not use this agent; to allow it, add the tag to "agent.allowedTags" in config.json, or give it a token: ${TOKEN_HINT}`,
    );
  }
  if (!policy.selfUser) return deny(403, "FORBIDDEN", `${device} may not use this agent: the owner of this machine's tailnet node is unknown (is tailscaled logged in?)`);
  if (who.userId === policy.selfUser.id) return { allowed: true, principal: { kind: "tailnet", who: who.userLoginName, node: who.nodeName } };
  return deny(
    403,
    "FORBIDDEN",
    `${device} may not use this agent; only ${policy.selfUser.loginName}'s own devices may. To allow another user or a script, give it a token: ${TOKEN_HINT}`,
  );
}

function deny(status: 401 | 403, code: "UNAUTHORIZED" | "FORBIDDEN", message: string): AccessDecision {
  return { allowed: false, status, code, message };
}
