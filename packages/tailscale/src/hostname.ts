/** Hostname helpers for nodes that Perry puts on a tailnet. */

/** The longest DNS label (RFC 1035), and so the longest tailnet hostname. */
export const MAX_HOSTNAME_LENGTH = 63;

const DNS_LABEL = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/;

/** A hostname that cannot be used, with the reason in words a user can act on. */
export interface HostnameProblem {
  readonly reason: string;
}

/**
 * Builds `<prefix><name>` and checks it is a valid DNS label (1–63 of `a-z 0-9 -`,
 * starting and ending with a letter or digit).
 *
 * @example workspaceHostname("perry-", "myproject") // { hostname: "perry-myproject" }
 */
export function workspaceHostname(prefix: string, name: string): { hostname: string } | HostnameProblem {
  const hostname = `${prefix}${name}`;
  if (hostname.length > MAX_HOSTNAME_LENGTH) {
    return { reason: `hostname "${hostname}" is ${hostname.length} characters; tailnet hostnames are at most ${MAX_HOSTNAME_LENGTH}: use a shorter prefix or name` };
  }
  if (!DNS_LABEL.test(hostname)) {
    return { reason: `hostname "${hostname}" is not a valid DNS label: use only a-z, 0-9 and -, starting and ending with a letter or digit` };
  }
  return { hostname };
}

/** Checks a hostname prefix on its own: empty, or one that can start a valid label (a trailing dash is fine). */
export function checkHostnamePrefix(prefix: string): HostnameProblem | undefined {
  if (prefix === "") return undefined;
  if (!/^[a-z0-9][a-z0-9-]*$/.test(prefix)) {
    return { reason: `hostname prefix "${prefix}" may only contain a-z, 0-9 and -, and must start with a letter or digit` };
  }
  if (prefix.length > MAX_HOSTNAME_LENGTH - 1) {
    return { reason: `hostname prefix is ${prefix.length} characters; leave room for the workspace name (at most ${MAX_HOSTNAME_LENGTH - 1})` };
  }
  return undefined;
}

/** The first label of a MagicDNS name: "myproject-1.tail1234.ts.net." → "myproject-1". */
export function firstLabel(dnsName: string): string {
  return dnsName.replace(/\.$/, "").split(".")[0] ?? "";
}

/**
 * Detects that the tailnet gave a node another name than requested (for example
 * `myproject-1` when an old `myproject` node still exists).
 */
export function hostnameDrift(requested: string, dnsName: string): { actual: string } | undefined {
  const actual = firstLabel(dnsName);
  if (actual === "" || actual === requested) return undefined;
  return { actual };
}
