/** Pure argv builders for the `tailscale` CLI (v1.102 syntax). */

/** Where the CLI finds tailscaled; `undefined` means the CLI's built-in default socket. */
export interface SocketOption {
  readonly socketPath?: string | undefined;
}

/** The path Perry mounts its serve mapping on; `disableServe` removes only this path. */
export const SERVE_PATH = "/";

// --socket is a global flag and must come before the subcommand.
function globalArgs({ socketPath }: SocketOption): string[] {
  return socketPath === undefined ? [] : [`--socket=${socketPath}`];
}

/** `tailscale status --json`. */
export function statusArgv(opts: SocketOption = {}): string[] {
  return [...globalArgs(opts), "status", "--json"];
}

/** `tailscale serve status --json`. */
export function serveStatusArgv(opts: SocketOption = {}): string[] {
  return [...globalArgs(opts), "serve", "status", "--json"];
}

/** `tailscale serve --bg --https=<port> --set-path=<path> <target>`: proxies `https://<node>:<port>/` to a local server. */
export function serveEnableArgv(opts: SocketOption & { httpsPort: number; target: string; path?: string }): string[] {
  return [...globalArgs(opts), "serve", "--bg", "--yes", `--https=${opts.httpsPort}`, `--set-path=${opts.path ?? SERVE_PATH}`, opts.target];
}

/**
 * `tailscale serve --https=<port> --set-path=<path> off`: removes only that path's handler on that
 * port. Without `--set-path` the CLI removes every path on the port.
 */
export function serveDisableArgv(opts: SocketOption & { httpsPort: number; path?: string }): string[] {
  return [...globalArgs(opts), "serve", "--yes", `--https=${opts.httpsPort}`, `--set-path=${opts.path ?? SERVE_PATH}`, "off"];
}

/** `tailscale whois --json <addr>`. */
export function whoisArgv(opts: SocketOption & { addr: string }): string[] {
  return [...globalArgs(opts), "whois", "--json", opts.addr];
}

/** The local URL Tailscale Serve proxies to for a port on this machine. */
export function localTarget(port: number): string {
  return `http://127.0.0.1:${port}`;
}
