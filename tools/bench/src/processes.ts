// Child processes the bench measures: one-shot commands timed as a whole (cold Node start included) and
// the agent as `perry agent run`, so its resident memory is that of the process users run.
import { type ChildProcess, spawn } from "node:child_process";
import { readFile } from "node:fs/promises";
import { createServer } from "node:net";
import { fileURLToPath } from "node:url";

/** The repository root (tools/bench/src → ../../..). */
export const REPO_ROOT = fileURLToPath(new URL("../../../", import.meta.url));
/** The `perry` executable. */
export const PERRY_BIN = `${REPO_ROOT}apps/cli/bin/run.js`;

/** What a finished one-shot command printed. */
export interface ProcessResult {
  ms: number;
  stdout: string;
}

/** Runs `node <args>` to completion and returns its wall-clock time; a non-zero exit throws with its stderr. */
export function timeNode(args: readonly string[], env: NodeJS.ProcessEnv): Promise<ProcessResult> {
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const child = spawn(process.execPath, args, { env, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => {
      stdout += chunk;
    });
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk;
    });
    child.on("error", reject);
    child.on("close", (code) => {
      const ms = performance.now() - start;
      if (code === 0) resolve({ ms, stdout });
      else reject(new Error(`node ${args.join(" ")} exited ${code}: ${stderr.trim() || stdout.trim()}`));
    });
  });
}

/** A free TCP port on loopback. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject).listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

/** A running `perry agent run`. */
export interface AgentProcess {
  url: string;
  pid: number;
  /** Resident set size in MB, from /proc/<pid>/status (VmRSS). */
  rssMb(): Promise<number>;
  /** Everything it printed so far (for failure messages). */
  output(): string;
  stop(): Promise<void>;
}

/** Starts `node apps/cli/bin/run.js agent run --port <free>` with `env` and waits until /api/health answers. */
export async function startAgentProcess(env: NodeJS.ProcessEnv, timeoutMs = 30_000): Promise<AgentProcess> {
  const port = await freePort();
  const child: ChildProcess = spawn(process.execPath, [PERRY_BIN, "agent", "run", "--port", String(port)], { env, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => {
    output += chunk;
  });
  child.stderr?.on("data", (chunk: Buffer) => {
    output += chunk;
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill("SIGTERM");
    const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
    await exited;
    clearTimeout(timer);
  };
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the agent exited (${child.exitCode}): ${output.trim()}`);
    const ok = await fetch(`${url}/api/health`).then((r) => r.ok, () => false);
    if (ok) break;
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`the agent did not answer within ${timeoutMs} ms: ${output.trim()}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const pid = child.pid as number;
  return {
    url,
    pid,
    rssMb: async () => {
      const status = await readFile(`/proc/${pid}/status`, "utf8");
      const kb = Number(/^VmRSS:\s+(\d+)\s+kB/m.exec(status)?.[1] ?? Number.NaN);
      return kb / 1024;
    },
    output: () => output,
    stop,
  };
}
