import { redactAuthKeys } from "./authkey.js";
import { TailscaleError, type TailscaleErrorCode } from "./errors.js";

/** What one run of the `tailscale` CLI produced, as far as classification needs it. */
export interface CliResult {
  /** The subcommand for messages, e.g. "serve" or "status". */
  readonly command: string;
  readonly exitCode?: number | undefined;
  readonly stdout: string;
  readonly stderr: string;
  readonly timedOut: boolean;
  /** errno of a failed spawn (`ENOENT` when the binary does not exist). */
  readonly spawnErrorCode?: string | undefined;
  readonly timeoutMs?: number | undefined;
  /** The `--socket` path was given and does not exist (the CLI was not started). */
  readonly socketMissing?: boolean | undefined;
  readonly socketPath?: string | undefined;
}

// Ordered: the first match wins. Texts come from tailscale v1.102 (cmd/tailscale/cli,
// client/local, ipn/localapi); see src/fixtures/README.md for captured examples.
const RULES: ReadonlyArray<readonly [RegExp, TailscaleErrorCode]> = [
  // client/local AccessDeniedError ("Access denied: serve config denied") and a socket the user may not open.
  [/Access denied|connect: permission denied/i, "TAILSCALE_ACCESS_DENIED"],
  [/failed to connect to local tailscaled|Failed to connect to local Tailscale|not running\?|doesn't appear to be running/i, "TAILSCALED_NOT_RUNNING"],
  // cmd/tailscale/cli isRunningOrStarting: printed by serve when the node is not up.
  [/^Logged out\.|NeedsLogin|Machine is not yet approved|Tailscale is stopped\.|unexpected state: (NoState|Stopped)/m, "TAILSCALE_NOT_LOGGED_IN"],
  // Printed on stdout with exit 0 by `serve` when the control server says the feature is off.
  [/error enabling https feature|is not enabled on your tailnet|HTTPS is not enabled/i, "TAILSCALE_HTTPS_DISABLED"],
  [/peer not found|no match for IP/i, "TAILSCALE_PEER_NOT_FOUND"],
];

/** Maps one failed CLI run to a `TailscaleError`; the only place that inspects exit codes and stderr. */
export function classifyFailure(result: CliResult): TailscaleError {
  const stderr = redactAuthKeys(result.stderr.trim());
  const output = stderr || redactAuthKeys(result.stdout.trim());
  const summary = output.split("\n").find((line) => line.trim() !== "") ?? "";
  if (result.spawnErrorCode === "ENOENT") {
    return new TailscaleError("TAILSCALE_NOT_INSTALLED", `tailscale CLI not found (${result.command})`);
  }
  if (result.spawnErrorCode !== undefined) {
    return new TailscaleError("TAILSCALE_FAILED", `could not start the tailscale CLI: ${result.spawnErrorCode}`);
  }
  if (result.socketMissing) {
    return new TailscaleError("TAILSCALED_NOT_RUNNING", `tailscaled is not running: no socket at ${result.socketPath ?? "the given path"}`);
  }
  if (result.timedOut) {
    const after = result.timeoutMs === undefined ? "" : ` after ${result.timeoutMs} ms`;
    return new TailscaleError("TAILSCALE_TIMEOUT", `tailscale ${result.command} did not answer${after}`, { stderr });
  }
  const code = RULES.find(([pattern]) => pattern.test(output))?.[1] ?? "TAILSCALE_FAILED";
  const exit = result.exitCode === undefined ? "" : ` (exit ${result.exitCode})`;
  return new TailscaleError(code, `tailscale ${result.command} failed${exit}: ${summary || "no output"}`, { stderr });
}
