/** Typed failures of `@perry/tailscale`; every failure of the CLI is mapped to one of these in `classifyFailure`. */

/** Stable codes that the agent and CLI map to HTTP statuses, messages and hints. */
export type TailscaleErrorCode =
  | "TAILSCALE_NOT_INSTALLED"
  | "TAILSCALED_NOT_RUNNING"
  | "TAILSCALE_NOT_LOGGED_IN"
  | "TAILSCALE_ACCESS_DENIED"
  | "TAILSCALE_HTTPS_DISABLED"
  | "TAILSCALE_PEER_NOT_FOUND"
  | "TAILSCALE_TIMEOUT"
  | "TAILSCALE_FAILED";

/** The fix a user can apply for each code, in the words of the Perry docs (spec/tailscale-integration.txt). */
export const TAILSCALE_REMEDIES: Readonly<Record<TailscaleErrorCode, string>> = {
  TAILSCALE_NOT_INSTALLED: "Install Tailscale: https://tailscale.com/download",
  TAILSCALED_NOT_RUNNING: "Verify Tailscale is running: tailscale status",
  TAILSCALE_NOT_LOGGED_IN: "Log this machine in to your tailnet: tailscale up",
  TAILSCALE_ACCESS_DENIED: "Run: sudo tailscale set --operator=$USER",
  TAILSCALE_HTTPS_DISABLED: "Enable HTTPS certificates in your Tailscale DNS settings.",
  TAILSCALE_PEER_NOT_FOUND: "Check that the address belongs to a device on your tailnet: tailscale status",
  TAILSCALE_TIMEOUT: "Verify Tailscale is running: tailscale status",
  TAILSCALE_FAILED: "Check the Tailscale daemon: tailscale status",
};

/** A failure talking to tailscale/tailscaled. `message` never contains an auth key. */
export class TailscaleError extends Error {
  override readonly name = "TailscaleError";
  readonly code: TailscaleErrorCode;
  /** What the user can do about it (shown as a hint). */
  readonly remedy: string;
  /** The CLI's stderr with auth keys redacted, when a command ran. */
  readonly stderr: string | undefined;

  constructor(code: TailscaleErrorCode, message: string, opts: { cause?: unknown; stderr?: string; remedy?: string } = {}) {
    super(message, opts.cause === undefined ? undefined : { cause: opts.cause });
    this.code = code;
    this.remedy = opts.remedy ?? TAILSCALE_REMEDIES[code];
    this.stderr = opts.stderr;
  }
}

/** True for a `TailscaleError`, optionally with one of the given codes. */
export function isTailscaleError(value: unknown, ...codes: TailscaleErrorCode[]): value is TailscaleError {
  return value instanceof TailscaleError && (codes.length === 0 || codes.includes(value.code));
}
