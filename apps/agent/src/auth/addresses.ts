/** Where a connection comes from, judged by its address alone. */
export type AddressKind = "loopback" | "tailnet" | "other";

/** Strips what Node and URLs add around an IP: brackets, an IPv6 zone, the IPv4-mapped prefix. */
export function normaliseAddress(address: string): string {
  const bare = address.replace(/^\[|\]$/g, "").replace(/%.*$/, "").toLowerCase();
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(bare);
  return mapped?.[1] ?? bare;
}

/**
 * Loopback (127.0.0.0/8, ::1), Tailscale's ranges (100.64.0.0/10, fd7a:115c:a1e0::/48), or anything else.
 *
 * @example addressKind("::ffff:100.101.2.3") // "tailnet"
 */
export function addressKind(address: string): AddressKind {
  const ip = normaliseAddress(address);
  const v4 = /^(\d+)\.(\d+)\.\d+\.\d+$/.exec(ip);
  if (v4) {
    const [a, b] = [Number(v4[1]), Number(v4[2])];
    if (a === 127) return "loopback";
    if (a === 100 && b >= 64 && b <= 127) return "tailnet";
    return "other";
  }
  if (ip === "::1") return "loopback";
  if (ip.startsWith("fd7a:115c:a1e0:")) return "tailnet";
  return "other";
}

/** `ip:port` as tailscaled's whois expects it (`[::1]:8080` for IPv6). */
export function addressWithPort(address: string, port: number): string {
  const ip = normaliseAddress(address);
  return ip.includes(":") ? `[${ip}]:${port}` : `${ip}:${port}`;
}
