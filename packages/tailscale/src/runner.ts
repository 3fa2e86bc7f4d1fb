import { existsSync } from "node:fs";
import * as v from "valibot";
import { classifyFailure } from "./classify.js";
import { TailscaleError } from "./errors.js";

/** How to run the CLI; `cliPath` undefined means "not installed". */
export interface RunOptions {
  readonly cliPath: string | undefined;
  readonly timeoutMs: number;
  /** The `--socket` in argv, if any; checked before spawning. */
  readonly socketPath?: string | undefined;
  /** The complete environment of the child; defaults to this process's. */
  readonly env?: NodeJS.ProcessEnv | undefined;
}

/**
 * Runs `tailscale <argv>` and returns its stdout, or with a schema its stdout parsed as
 * JSON. Every failure (missing binary, timeout, non-zero exit, unexpected output) becomes
 * a `TailscaleError`.
 */
export async function runTailscale(argv: readonly string[], opts: RunOptions): Promise<string>;
export async function runTailscale<S extends v.GenericSchema>(
  argv: readonly string[],
  opts: RunOptions & { schema: S },
): Promise<v.InferOutput<S>>;
export async function runTailscale(argv: readonly string[], opts: RunOptions & { schema?: v.GenericSchema }): Promise<unknown> {
  const command = argv.find((arg) => !arg.startsWith("-")) ?? "";
  if (opts.cliPath === undefined) {
    return Promise.reject(new TailscaleError("TAILSCALE_NOT_INSTALLED", "tailscale CLI not found on PATH"));
  }
  // Without a socket the CLI keeps retrying for up to 5 s (safesocket.ConnectContext waits
  // for a starting tailscaled), which would turn "not running" into a timeout.
  if (opts.socketPath !== undefined && !existsSync(opts.socketPath)) {
    throw classifyFailure({ command, stdout: "", stderr: "", timedOut: false, socketMissing: true, socketPath: opts.socketPath });
  }
  // Loaded on first use: execa costs ~90 ms to import, and most importers (the CLI, @perry/config) only use
  // the pure helpers of this package.
  const { execa } = await import("execa");
  const result = await execa(opts.cliPath, argv, {
    reject: false,
    timeout: opts.timeoutMs,
    // A CLI that ignores SIGTERM must not outlive the timeout by much.
    forceKillAfterDelay: 1000,
    // `serve` can prompt; with no stdin it takes the default instead of waiting.
    stdin: "ignore",
    env: opts.env ?? process.env,
    extendEnv: opts.env === undefined,
    stripFinalNewline: true,
  });
  if (result.failed) {
    throw classifyFailure({
      command,
      exitCode: result.exitCode,
      stdout: String(result.stdout ?? ""),
      stderr: String(result.stderr ?? ""),
      timedOut: result.timedOut,
      spawnErrorCode: result.code,
      timeoutMs: opts.timeoutMs,
    });
  }
  const stdout = String(result.stdout);
  if (opts.schema === undefined) return stdout;
  return parseJson(command, stdout, opts.schema);
}

function parseJson(command: string, stdout: string, schema: v.GenericSchema): unknown {
  let json: unknown;
  try {
    json = JSON.parse(stdout);
  } catch (cause) {
    throw new TailscaleError("TAILSCALE_FAILED", `tailscale ${command} printed output that is not JSON`, { cause });
  }
  const parsed = v.safeParse(schema, json);
  if (!parsed.success) {
    const where = parsed.issues.map((issue) => `${v.getDotPath(issue) ?? "(root)"}: ${issue.message}`).join("; ");
    throw new TailscaleError("TAILSCALE_FAILED", `tailscale ${command} printed unexpected JSON: ${where}`, { cause: new v.ValiError(parsed.issues) });
  }
  return parsed.output;
}
