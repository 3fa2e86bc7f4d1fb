import type { IncomingMessage } from "node:http";
import type { Socket } from "node:net";
import type { TailscaleWhois } from "@perry/tailscale";
import type { Context, MiddlewareHandler } from "hono";
import { addressWithPort } from "./addresses.js";
import { contentTypeProblem, hostProblem, originProblem } from "./browser.js";
import { type ConnectionPeer, identifyOrigin, type TailnetLookup } from "./identify.js";
import { type AccessDecision, decideAccess, type RequestOrigin, type TailnetPolicy } from "./policy.js";
import { bearerToken, tokenMatches } from "./token.js";

/** What the access middleware consults; `createAccessDeps` wires the real ones. */
export interface AccessDeps {
  /** The names and addresses the agent answers to (Host and Origin checks). */
  names(): ReadonlySet<string>;
  tailnet: Omit<TailnetLookup, "whoisConnection">;
  policy(): Promise<TailnetPolicy>;
  /** The stored bearer token, read when a request presents one (so a rotation applies at once). */
  token(): Promise<string | undefined>;
  log(line: string): void;
}

/**
 * Guards every request: the Host must be one of the agent's names; API requests must not be
 * cross-origin writes or non-JSON bodies, and must pass the access policy (`decideAccess`).
 * WebSocket upgrades are requests too, so the terminal gets the same rules.
 */
export function accessControl(deps: AccessDeps): MiddlewareHandler {
  // A connection's tailnet identity never changes, so userspace tailscaled is asked once per socket.
  const connections = new WeakMap<Socket, Promise<TailscaleWhois | undefined>>();
  return async (c, next) => {
    const names = deps.names();
    // A Request built in-process (app.request) carries its host only in the URL.
    const host = c.req.header("host") ?? new URL(c.req.url).host;
    const hostIssue = hostProblem(host, names);
    if (hostIssue) return refuse(c, 403, "FORBIDDEN", hostIssue);
    if (!c.req.path.startsWith("/api/") && c.req.path !== "/api") return next();

    const browserIssue =
      originProblem(c.req.method, c.req.header("origin"), c.req.header("upgrade"), names) ??
      contentTypeProblem(c.req.method, { contentType: c.req.header("content-type"), contentLength: c.req.header("content-length"), transferEncoding: c.req.header("transfer-encoding") });
    if (browserIssue) return refuse(c, browserIssue.startsWith("request bodies") ? 415 : 403, browserIssue.startsWith("request bodies") ? "BAD_REQUEST" : "FORBIDDEN", browserIssue);

    const socket = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming?.socket;
    const origin = await originOf(c, socket, deps, connections);
    const presented = bearerToken(c.req.header("authorization"));
    const token = presented === undefined ? "none" : tokenMatches(presented, await deps.token()) ? "valid" : "invalid";
    const decision: AccessDecision = decideAccess(origin, token, await deps.policy());
    if (!decision.allowed) {
      deps.log(`[agent] Refused ${c.req.method} ${c.req.path} from ${describeOrigin(origin)}: ${decision.code}`);
      return refuse(c, decision.status, decision.code, decision.message);
    }
    return next();
  };
}

async function originOf(c: Context, socket: Socket | undefined, deps: AccessDeps, connections: WeakMap<Socket, Promise<TailscaleWhois | undefined>>): Promise<RequestOrigin> {
  // app.request() in tests has no socket: an in-process caller is this machine.
  if (!socket?.remoteAddress) return { kind: "local" };
  const peer: ConnectionPeer = { address: socket.remoteAddress, port: socket.remotePort ?? 0 };
  const tailnet: TailnetLookup = {
    ...deps.tailnet,
    whoisConnection: (p) => {
      let pending = connections.get(socket);
      if (!pending) {
        pending = deps.tailnet.whois(addressWithPort(p.address, p.port)).catch(() => undefined);
        connections.set(socket, pending);
      }
      return pending;
    },
  };
  return identifyOrigin(peer, { forwardedFor: c.req.header("x-forwarded-for"), funnel: c.req.header("tailscale-funnel-request") !== undefined }, tailnet);
}

function describeOrigin(origin: RequestOrigin): string {
  switch (origin.kind) {
    case "tailnet":
      return origin.who ? `${origin.who.userLoginName} (${origin.who.nodeName})` : `unknown tailnet device ${origin.address}`;
    case "remote":
      return origin.address;
    default:
      return origin.kind;
  }
}

function refuse(c: Context, status: 401 | 403 | 415, code: string, message: string) {
  return c.json({ error: { code, message } }, status);
}
