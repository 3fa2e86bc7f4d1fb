import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, openSync, closeSync } from "node:fs";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join as joinPath } from "node:path";
import type { Lab } from "./lab.js";
import { type RunResult, run, waitFor } from "./run.js";
import { join, readStatus, type TailscaleStatus, tailscaledEnv, upArgs } from "./tailscale.js";

/** Options for {@link startHostNode}. */
export interface HostNodeOptions {
  hostname: string;
  /** `--tun=userspace-networking` (default true) so host routing and DNS stay untouched. */
  userspace?: boolean;
  /** Run `tailscale up` (default true); false leaves tailscaled running but logged out. */
  join?: boolean;
  /** Pre-auth key; default the lab's reusable key. */
  authKey?: string;
}

/** A tailscaled process on the host (not in a container) with its own socket and state dir. */
export interface HostNode {
  hostname: string;
  socketPath: string;
  stateDir: string;
  /** Runs `tailscale --socket=<socketPath> <args>` with the lab's CLI binary. */
  tailscaleCli(args: readonly string[]): Promise<RunResult>;
  status(): Promise<TailscaleStatus>;
  /** tailscaled's output so far (for failure messages). */
  logs(): Promise<string>;
  /** Stops tailscaled and removes the temp dir. */
  stop(): Promise<void>;
}

function stopProcess(child: ChildProcess, graceMs = 5_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const kill = setTimeout(() => child.kill("SIGKILL"), graceMs);
    child.once("exit", () => {
      clearTimeout(kill);
      resolve();
    });
    child.kill("SIGTERM");
  });
}

/** Starts tailscaled on the host in a temp dir and (by default) joins it to the lab. */
export async function startHostNode(lab: Lab, opts: HostNodeOptions): Promise<HostNode> {
  const stateDir = await mkdtemp(joinPath(tmpdir(), `perry-lab-${opts.hostname}-`));
  const socketPath = joinPath(stateDir, "tailscaled.sock");
  const logPath = joinPath(stateDir, "tailscaled.log");
  const bin = (name: string) => joinPath(lab.settings.tailscaleBinDir, name);
  const tun = opts.userspace === false ? `ts-lab-${lab.id}` : "userspace-networking";
  const log = openSync(logPath, "a");
  // fd 3 is a pipe tailscaled watches (TS_PARENT_DEATH_FD): it exits when this process dies, so no strays.
  const child = spawn(bin("tailscaled"), [`--tun=${tun}`, `--statedir=${stateDir}`, `--socket=${socketPath}`, "--port=0", "--no-logs-no-support"], {
    stdio: ["ignore", log, log, "pipe"],
    env: { ...process.env, ...tailscaledEnv(lab), TS_LOGS_DIR: stateDir, TS_PARENT_DEATH_FD: "3" },
  });
  closeSync(log);
  child.on("error", () => {}); // surfaced below as a missing socket
  const tailscaleCli = (args: readonly string[]) =>
    run(bin("tailscale"), [`--socket=${socketPath}`, ...args], { code: "TAILSCALE_FAILED", reject: true, timeoutMs: 60_000 });
  const stop = async () => {
    await stopProcess(child);
    await rm(stateDir, { recursive: true, force: true });
  };
  try {
    await waitFor(`tailscaled socket ${socketPath}`, async () => (existsSync(socketPath) && child.exitCode === null ? true : undefined), 15_000);
    if (opts.join !== false) {
      await join(tailscaleCli, upArgs(lab, { authKey: opts.authKey ?? lab.authKey, hostname: opts.hostname, acceptDns: false }), `host node ${opts.hostname}`);
    }
  } catch (err) {
    const output = await readFile(logPath, "utf8").catch(() => "");
    await stop();
    throw Object.assign(err as Error, { message: `${(err as Error).message}\n--- tailscaled log ---\n${output.slice(-4000)}` });
  }
  return {
    hostname: opts.hostname,
    socketPath,
    stateDir,
    tailscaleCli,
    status: () => readStatus(tailscaleCli),
    logs: () => readFile(logPath, "utf8").catch(() => ""),
    stop,
  };
}
