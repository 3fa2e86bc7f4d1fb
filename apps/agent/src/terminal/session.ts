// One terminal: a `docker exec` with a TTY (bash -l as `workspace` in its home) wired to a WebSocket.
import { type TerminalServerMessage, parseTerminalMessage, terminalClientMessageSchema } from "@perry/api-client";
import { randomUUID } from "node:crypto";
import { HOME_DIR, type WorkspaceDocker, containerName } from "@perry/docker";
import { execExitCode, streamEnded } from "./exec-exit.js";
import type { RawData, WebSocket } from "ws";

/** What a terminal session runs against. */
export interface TerminalSessionOptions {
  docker: WorkspaceDocker;
  name: string;
  /** $TERM in the workspace, from the client. */
  term: string;
  size?: { cols: number; rows: number };
  user?: string;
  command?: string[];
  log: (line: string) => void;
}

/** Runs the shell until it exits (sends `exit` with its code, closes 1000) or the client goes away. */
export async function runTerminalSession(socket: WebSocket, options: TerminalSessionOptions): Promise<void> {
  const { docker, name } = options;
  // Marks every process of this session, so a client that goes away can hang them all up.
  const sessionId = randomUUID();
  // Keystrokes may arrive while the exec is still being created.
  const pending: Buffer[] = [];
  let input: ((chunk: Buffer) => void) | undefined;
  let resize: ((size: { cols: number; rows: number }) => void) | undefined;
  let size = options.size;
  let clientGone = false;
  socket.on("message", (data: RawData, isBinary: boolean) => {
    if (isBinary) {
      const chunk = toBuffer(data);
      if (input) input(chunk);
      else pending.push(chunk);
      return;
    }
    const message = parseTerminalMessage(terminalClientMessageSchema, toBuffer(data).toString("utf8"));
    if (message?.type === "resize") {
      size = { cols: message.cols, rows: message.rows };
      resize?.(size);
    }
  });
  socket.on("close", () => {
    clientGone = true;
  });

  try {
    const container = docker.docker.getContainer(containerName(name));
    const exec = await container.exec({
      Cmd: options.command ?? ["bash", "-l"],
      User: options.user ?? "workspace",
      WorkingDir: HOME_DIR,
      Tty: true,
      AttachStdin: true,
      AttachStdout: true,
      AttachStderr: true,
      Env: [`TERM=${options.term}`, `HOME=${HOME_DIR}`, "USER=workspace", "LOGNAME=workspace", "SHELL=/bin/bash", `${SESSION_VAR}=${sessionId}`],
    });
    const stream = await exec.start({ hijack: true, stdin: true, Tty: true });
    const ended = streamEnded(stream);
    stream.on("data", (chunk: Buffer) => {
      if (socket.readyState === socket.OPEN) socket.send(chunk, { binary: true });
    });
    resize = (size) => void exec.resize({ h: size.rows, w: size.cols }).catch(() => undefined);
    if (size) resize(size);
    input = (chunk) => stream.write(chunk);
    for (const chunk of pending.splice(0)) input(chunk);
    // Docker keeps a TTY exec running after its attach ends, so a client that disconnects hangs the session up.
    const hangUpOnClose = () => {
      stream.destroy();
      void hangUp(docker, name, sessionId, options.log);
    };
    socket.on("close", hangUpOnClose);
    if (clientGone) hangUpOnClose();
    await ended;
    if (clientGone) return;
    send(socket, { type: "exit", code: await execExitCode(exec) });
    socket.close(1000, "exited");
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    options.log(`[agent] terminal for ${name} failed: ${message}`);
    send(socket, { type: "error", message: `cannot open a shell in ${name}: ${message}` });
    socket.close(1011, "failed");
  }
}

const SESSION_VAR = "PERRY_TERMINAL_SESSION";

// SIGHUP to every process that still carries the session's mark (bash passes it on to its jobs), as a
// terminal that closes would send. Runs as `workspace`: without CAP_SYS_PTRACE root cannot read other users' environ.
const HANGUP_SCRIPT = `for p in /proc/[0-9]*; do
  if grep -qsz "^${SESSION_VAR}=$1$" "$p/environ"; then kill -HUP "\${p#/proc/}" 2>/dev/null; fi
done; exit 0`;

async function hangUp(docker: WorkspaceDocker, name: string, sessionId: string, log: (line: string) => void): Promise<void> {
  try {
    await docker.exec(name, ["sh", "-c", HANGUP_SCRIPT, "perry-hangup", sessionId], { user: "workspace", timeoutMs: 10_000 });
  } catch (error) {
    log(`[agent] could not hang up a terminal of ${name}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

function send(socket: WebSocket, message: TerminalServerMessage): void {
  if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(message));
}

function toBuffer(data: RawData): Buffer {
  if (Buffer.isBuffer(data)) return data;
  if (Array.isArray(data)) return Buffer.concat(data);
  return Buffer.from(data);
}
