import { execa } from "execa";
import { LabError, type LabErrorCode } from "./errors.js";

/** Result of a finished command (non-zero exit codes are returned, not thrown, when `reject` is false). */
export interface RunResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

/** Options for {@link run}. */
export interface RunOptions {
  /** Error code to throw with when the command fails. */
  code: LabErrorCode;
  /** Return non-zero exits instead of throwing. */
  reject?: boolean;
  timeoutMs?: number;
  env?: Record<string, string>;
  cwd?: string;
  input?: string;
}

/** Runs a command; the one place where spawn/exit failures become {@link LabError}s. */
export async function run(file: string, args: readonly string[], opts: RunOptions): Promise<RunResult> {
  try {
    const r = await execa(file, args, {
      reject: false,
      timeout: opts.timeoutMs ?? 60_000,
      env: opts.env,
      cwd: opts.cwd,
      input: opts.input,
      stripFinalNewline: true,
    });
    if (r.failed && r.exitCode === undefined) {
      throw new LabError(opts.code, `${file} ${args.join(" ")}: ${r.shortMessage}`, { cause: r });
    }
    const result = { exitCode: r.exitCode ?? -1, stdout: String(r.stdout), stderr: String(r.stderr) };
    if (result.exitCode !== 0 && !opts.reject) {
      throw new LabError(opts.code, `${file} ${args.join(" ")} exited ${result.exitCode}: ${result.stderr || result.stdout}`);
    }
    return result;
  } catch (err) {
    if (err instanceof LabError) throw err;
    throw new LabError(opts.code, `${file} ${args.join(" ")}: ${(err as Error).message}`, { cause: err });
  }
}

/** Runs the docker CLI, throwing DOCKER_FAILED on a non-zero exit. */
export async function docker(args: readonly string[], timeoutMs?: number): Promise<string> {
  return (await run("docker", args, { code: "DOCKER_FAILED", timeoutMs })).stdout;
}

/** Polls `check` until it returns a value (not undefined) or the deadline passes. */
export async function waitFor<T>(what: string, check: () => Promise<T | undefined>, timeoutMs = 20_000, now = Date.now): Promise<T> {
  const deadline = now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await check();
      if (v !== undefined) return v;
    } catch (err) {
      last = err;
    }
    if (now() > deadline) {
      throw new LabError("TIMEOUT", `timed out after ${timeoutMs} ms waiting for ${what}`, { cause: last });
    }
    await new Promise((r) => setTimeout(r, 200));
  }
}
