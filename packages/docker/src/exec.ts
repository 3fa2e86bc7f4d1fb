// Running a command in a workspace and collecting its output (Docker's exec API, demultiplexed).
import { PassThrough } from "node:stream";
import type Docker from "dockerode";
import { DockerError } from "./errors.js";
import { collect, demux } from "./streams.js";

/** Options for exec(). */
export interface ExecOptions {
  /** e.g. "workspace" or "1000:1000"; default: the image's user (root). */
  user?: string;
  env?: Record<string, string>;
  /** Written to the command's stdin, which is then closed. */
  stdin?: string;
  /** Stop waiting after this long (the process may keep running in the container). */
  timeoutMs?: number;
}

/** What a finished command produced. */
export interface ExecResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

/** Runs `cmd` in a running container; DockerError failures are left to the caller's mapping. */
export async function runExec(docker: Docker, container: Docker.Container, cmd: string[], opts: ExecOptions): Promise<ExecResult> {
  const hasStdin = opts.stdin !== undefined;
  const exec = await container.exec({
    Cmd: cmd,
    AttachStdin: hasStdin,
    AttachStdout: true,
    AttachStderr: true,
    Tty: false,
    ...(opts.user ? { User: opts.user } : {}),
    ...(opts.env ? { Env: Object.entries(opts.env).map(([k, v]) => `${k}=${v}`) } : {}),
  });
  const stream = await exec.start({ hijack: true, stdin: hasStdin });
  const { stdout, stderr, done } = demux(docker.modem, stream, new PassThrough(), new PassThrough());
  // Half-close after writing so the command sees EOF on stdin.
  if (hasStdin) stream.end(opts.stdin);
  const output = Promise.all([collect(stdout), collect(stderr), done]);
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    if (opts.timeoutMs === undefined) return;
    timer = setTimeout(() => {
      stream.destroy();
      reject(new DockerError("DOCKER_FAILED", `Command ${JSON.stringify(cmd)} timed out after ${opts.timeoutMs} ms`));
    }, opts.timeoutMs);
  });
  try {
    const [out, err] = await Promise.race([output, timeout]);
    return { exitCode: await exitCode(exec), stdout: out, stderr: err };
  } finally {
    clearTimeout(timer);
  }
}

// The output stream can end a moment before Docker records the exit code.
async function exitCode(exec: Docker.Exec, attempts = 40): Promise<number> {
  for (let i = 0; ; i++) {
    const info = await exec.inspect();
    if (!info.Running && info.ExitCode !== null) return info.ExitCode;
    if (i >= attempts) return -1;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
