import { normaliseAddress } from "./addresses.js";

// Browser defences: a page from another site must neither read (DNS rebinding: its own name
// pointed at 127.0.0.1) nor write (a cross-origin POST, a WebSocket from any page) the agent.

const STATE_CHANGING = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/** The names the agent answers to: loopback, its listen addresses, and its tailnet names and IPs. */
export function agentNames(input: { listenHosts: readonly string[]; dnsName?: string | undefined; tailnetIps?: readonly string[]; extra?: readonly string[] }): Set<string> {
  const names = new Set(["localhost", "127.0.0.1", "::1"]);
  const add = (name: string | undefined) => {
    if (name) names.add(normaliseAddress(name.replace(/\.$/, "")));
  };
  for (const host of input.listenHosts) add(host);
  if (input.dnsName) {
    add(input.dnsName);
    add(input.dnsName.split(".")[0]);
  }
  for (const ip of input.tailnetIps ?? []) add(ip);
  for (const name of input.extra ?? []) add(name);
  return names;
}

/** The host part of a `Host` header or URL authority, lower-cased, without port or brackets. */
export function hostOf(authority: string): string {
  const text = authority.trim().toLowerCase();
  const v6 = /^\[([^\]]+)\](?::\d+)?$/.exec(text);
  if (v6?.[1]) return normaliseAddress(v6[1]);
  return normaliseAddress(text.replace(/:\d*$/, "").replace(/\.$/, ""));
}

/** Why the `Host` header is not one of ours (DNS rebinding), or undefined when it is. */
export function hostProblem(host: string | undefined, names: ReadonlySet<string>): string | undefined {
  if (!host) return "the request has no Host header";
  if (names.has(hostOf(host))) return undefined;
  return `this agent does not answer to the name "${hostOf(host).slice(0, 100)}"; use http://localhost:<port> or its tailnet name`;
}

/**
 * Why a browser request from another origin must be refused: a state-changing method or a
 * WebSocket upgrade with an `Origin` that is not one of the agent's names (`null` included).
 * Requests without `Origin` (the CLI, curl) pass: browsers always send it on these requests.
 */
export function originProblem(method: string, origin: string | undefined, upgrade: string | undefined, names: ReadonlySet<string>): string | undefined {
  const isUpgrade = (upgrade ?? "").toLowerCase() === "websocket";
  if (!STATE_CHANGING.has(method.toUpperCase()) && !isUpgrade) return undefined;
  if (origin === undefined) return undefined;
  let host: string | undefined;
  try {
    const url = new URL(origin);
    if (url.protocol === "http:" || url.protocol === "https:") host = hostOf(url.host);
  } catch {
    host = undefined;
  }
  if (host !== undefined && names.has(host)) return undefined;
  return `cross-origin ${isUpgrade ? "WebSocket" : method.toUpperCase()} requests are refused (origin ${origin.slice(0, 100)}); use the web UI served by the agent itself`;
}

/** Why a request body is refused: state-changing requests with a body must be JSON (no form posts). */
export function contentTypeProblem(method: string, headers: { contentType: string | undefined; contentLength: string | undefined; transferEncoding: string | undefined }): string | undefined {
  if (!STATE_CHANGING.has(method.toUpperCase())) return undefined;
  const hasBody = (headers.contentLength !== undefined && headers.contentLength !== "0") || headers.transferEncoding !== undefined;
  if (!hasBody && headers.contentType === undefined) return undefined;
  const type = (headers.contentType ?? "").split(";")[0]?.trim().toLowerCase();
  if (type === "application/json") return undefined;
  return `request bodies must be JSON (content-type: application/json), not ${type || "untyped"}`;
}
