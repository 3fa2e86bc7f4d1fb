// One-off containers that work on a workspace's volumes while the workspace itself is stopped,
// e.g. to log its tailnet node out before deletion without booting the whole workspace.
import type Docker from "dockerode";
import { TAILSCALE_STATE_DIR, volumeNames } from "./contract.js";
import { collect, demux } from "./streams.js";

/** Label on task containers; they are deliberately not `dev.perry.managed`, so listings never show them. */
export const LABEL_TASK = "dev.perry.task";

/** Options for a task container. */
export interface TaskOptions {
  image: string;
  cmd: string[];
  /** Give up (and kill the task) after this long. */
  timeoutMs: number;
}

/** Runs `cmd` in a fresh container with the workspace's tailscale state volume mounted, then removes it. */
export async function runVolumeTask(docker: Docker, name: string, opts: TaskOptions): Promise<{ exitCode: number; output: string }> {
  const container = await docker.createContainer({
    name: `workspace-${name}-task-${Date.now().toString(36)}`,
    Image: opts.image,
    Entrypoint: opts.cmd,
    Labels: { [LABEL_TASK]: name },
    HostConfig: {
      Mounts: [{ Type: "volume", Source: volumeNames(name).tailscale, Target: TAILSCALE_STATE_DIR }],
    },
  });
  try {
    const stream = await container.attach({ stream: true, stdout: true, stderr: true });
    const { stdout, done } = demux(docker.modem, stream);
    const output = collect(stdout);
    await container.start();
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<{ StatusCode: number }>((resolve) => {
      timer = setTimeout(() => {
        void container.kill().catch(() => undefined);
        resolve({ StatusCode: 124 });
      }, opts.timeoutMs);
    });
    const result = (await Promise.race([container.wait(), timedOut])) as { StatusCode: number };
    clearTimeout(timer);
    await Promise.race([done, new Promise((r) => setTimeout(r, 1000))]);
    stdout.end();
    return { exitCode: result.StatusCode, output: await output };
  } finally {
    await container.remove({ force: true }).catch(() => undefined);
  }
}
