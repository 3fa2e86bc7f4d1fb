// The client end of a workspace terminal: the local TTY in raw mode, wired to the agent's WebSocket.
import {
  AgentUnreachableError,
  type TerminalClientMessage,
  errorFromResponse,
  parseTerminalMessage,
  terminalServerMessageSchema,
} from "@perry/api-client";
import WebSocket from "ws";
import { CliError } from "../errors.js";

/** The local ends of the terminal; default the process's own. */
export interface ShellIo {
  stdin: NodeJS.ReadStream;
  stdout: NodeJS.WriteStream;
}

/** Where to connect: the terminal URL, the agent's base URL (for messages) and the request headers (token). */
export interface ShellTarget {
  url: string;
  agentUrl: string;
  headers: Record<string, string>;
}

/** Runs the remote shell until it exits; resolves with its exit code. The local TTY is restored in every case. */
export function runShell(target: ShellTarget, io: ShellIo = { stdin: process.stdin, stdout: process.stdout }): Promise<number> {
  const { stdin, stdout } = io;
  return new Promise<number>((resolve, reject) => {
    const socket = new WebSocket(target.url, { headers: target.headers });
    let exitCode: number | undefined;
    let remoteError: string | undefined;
    let failure: Error | undefined;
    let rawSet = false;

    const send = (message: TerminalClientMessage) => {
      if (socket.readyState === WebSocket.OPEN) socket.send(JSON.stringify(message));
    };
    const onInput = (chunk: Buffer) => {
      if (socket.readyState === WebSocket.OPEN) socket.send(chunk, { binary: true });
    };
    // stdout's "resize" is Node's SIGWINCH.
    const onResize = () => send({ type: "resize", cols: stdout.columns, rows: stdout.rows });

    socket.on("unexpected-response", (_request, response) => {
      let body = "";
      response.setEncoding("utf8");
      response.on("data", (chunk: string) => {
        body += chunk;
      });
      response.on("end", () => {
        failure = errorFromResponse(target.url, response.statusCode ?? 0, body, response.statusMessage ?? "");
        socket.terminate();
      });
    });
    socket.on("error", (error: NodeJS.ErrnoException) => {
      failure ??= error.code && /^(ECONNREFUSED|ENOTFOUND|EAI_AGAIN|EHOSTUNREACH|ETIMEDOUT|ECONNRESET)$/.test(error.code) ? new AgentUnreachableError(target.agentUrl, { cause: error }) : error;
    });
    socket.on("open", () => {
      if (stdin.isTTY) {
        stdin.setRawMode(true);
        rawSet = true;
      }
      stdin.on("data", onInput);
      // Piped input has no Ctrl+D of its own: when it ends, send one (EOT) so the remote shell ends too.
      if (!stdin.isTTY) stdin.once("end", () => onInput(Buffer.from([0x04])));
      stdin.resume();
      if (stdout.isTTY) {
        stdout.on("resize", onResize);
        onResize();
      }
    });
    socket.on("message", (data: WebSocket.RawData, isBinary: boolean) => {
      const chunk = Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data as Buffer);
      if (isBinary) {
        stdout.write(chunk);
        return;
      }
      const message = parseTerminalMessage(terminalServerMessageSchema, chunk.toString("utf8"));
      if (message?.type === "exit") exitCode = message.code;
      if (message?.type === "error") remoteError = message.message;
    });
    socket.on("close", () => {
      stdin.off("data", onInput);
      stdout.off("resize", onResize);
      if (rawSet) stdin.setRawMode(false);
      stdin.pause();
      if (exitCode !== undefined) resolve(exitCode);
      else if (failure) reject(failure);
      else reject(new CliError("TERMINAL_FAILED", remoteError ?? "the connection to the workspace's shell was lost", "Check the agent with `perry info`, then try again"));
    });
  });
}
