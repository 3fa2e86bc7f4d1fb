import { type ChildProcess, spawn } from "node:child_process";
import { chmodSync, copyFileSync, existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { homedir, tmpdir } from "node:os";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";

/** The directory with real `tailscale`/`tailscaled` v1.102.5 binaries; fails loudly when missing. */
export function tailscaleBinDir(env: NodeJS.ProcessEnv = process.env): string {
  const candidates = [env.PERRY_TAILSCALE_BIN_DIR, path.join(homedir(), ".cache/perry/tailscale-v1.102.5"), path.join(homedir(), ".cache/perry/tsbin")];
  const dir = candidates.find((d) => d !== undefined && existsSync(path.join(d, "tailscale")) && existsSync(path.join(d, "tailscaled")));
  if (dir === undefined) throw new Error(`no tailscale binaries in ${candidates.filter(Boolean).join(", ")}; run: bash scripts/test-env.sh tailscale`);
  return dir;
}

/** A temp dir (mode 0755, so other users can reach sockets in it) removed by `remove()`. */
export function tempDir(prefix: string): { dir: string; remove(): void } {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  chmodSync(dir, 0o755);
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A private, logged-out tailscaled in userspace-networking mode. */
export interface PrivateTailscaled {
  readonly socketPath: string;
  stop(): Promise<void>;
}

/** Starts tailscaled with its own socket and state under `dir`, and waits (with a deadline) until it answers. */
export async function startTailscaled(dir: string, binDir = tailscaleBinDir()): Promise<PrivateTailscaled> {
  const socketPath = path.join(dir, "ts.sock");
  const child = spawn(
    path.join(binDir, "tailscaled"),
    ["--tun=userspace-networking", `--socket=${socketPath}`, `--statedir=${path.join(dir, "state")}`, "--port=0", "--no-logs-no-support"],
    // TS_PARENT_DEATH_FD: tailscaled exits when the test process dies, so a crash leaves no stray daemon.
    { stdio: ["ignore", "ignore", "ignore", "pipe"], env: { ...process.env, TS_LOGS_DIR: dir, TS_PARENT_DEATH_FD: "3" } },
  );
  const stop = () => stopChild(child);
  const deadline = Date.now() + 15_000;
  while (!existsSync(socketPath)) {
    if (child.exitCode !== null || Date.now() > deadline) {
      await stop();
      throw new Error(`tailscaled did not create ${socketPath} within 15 s`);
    }
    await sleep(50);
  }
  return { socketPath, stop };
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const kill = setTimeout(() => child.kill("SIGKILL"), 5_000);
    child.once("exit", () => {
      clearTimeout(kill);
      resolve();
    });
    child.kill("SIGTERM");
  });
}

/**
 * A CLI path that runs the real `tailscale` as user `nobody` (a non-operator), for the
 * access-denied tests. The binary is copied into `dir` because root's home is not readable by nobody.
 */
export function cliAsNobody(dir: string, binDir = tailscaleBinDir()): string {
  const cli = path.join(dir, "tailscale");
  copyFileSync(path.join(binDir, "tailscale"), cli);
  chmodSync(cli, 0o755);
  const wrapper = path.join(dir, "tailscale-as-nobody");
  writeFileSync(wrapper, `#!/bin/sh\nexec runuser -u nobody -- ${cli} "$@"\n`, { mode: 0o755 });
  return wrapper;
}
