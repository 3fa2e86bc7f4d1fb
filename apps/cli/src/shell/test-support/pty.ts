// `perry` in a real pseudo-terminal (node-pty): type into it, wait for what it draws, resize it.
import * as pty from "node-pty";
import { BIN } from "./agent.js";

/** A `perry` process in a PTY. */
export interface PtyRun {
  /** Everything drawn so far, escape sequences removed. */
  screen(): string;
  write(text: string): void;
  resize(cols: number, rows: number): void;
  /** Waits until the screen (after `from` characters) matches. */
  waitFor(pattern: RegExp, timeoutMs?: number, from?: number): Promise<void>;
  /** Waits for a prompt drawn after the last thing typed, lets it settle (prompt libraries switch raw mode after drawing), then types. */
  answer(prompt: RegExp, text: string): Promise<void>;
  /** Resolves with the exit code. */
  exited: Promise<number>;
  kill(): void;
}

/** Runs `perry <args>` in an 100x30 PTY with the given environment. */
export function perryInPty(args: string[], env: Record<string, string>, size = { cols: 100, rows: 30 }): PtyRun {
  const child = pty.spawn(process.execPath, [BIN, ...args], {
    name: "xterm-256color",
    cols: size.cols,
    rows: size.rows,
    cwd: process.cwd(),
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "/root", TERM: "xterm-256color", LANG: "C.UTF-8", ...env },
  });
  let raw = "";
  child.onData((data) => {
    raw += data;
  });
  const exited = new Promise<number>((resolve) => child.onExit(({ exitCode }) => resolve(exitCode)));
  let done = false;
  void exited.then(() => {
    done = true;
  });
  const screen = () => stripAnsi(raw);
  // Screen position when something was last typed: answer() looks for its prompt after it.
  let typedAt = 0;
  const run: PtyRun = {
    screen,
    write: (text) => {
      typedAt = screen().length;
      child.write(text);
    },
    resize: (cols, rows) => child.resize(cols, rows),
    async waitFor(pattern, timeoutMs = 20_000, from = 0) {
      const deadline = Date.now() + timeoutMs;
      while (!pattern.test(screen().slice(from))) {
        if (Date.now() > deadline || done) {
          await new Promise((resolve) => setTimeout(resolve, 100));
          if (pattern.test(screen().slice(from))) return;
          throw new Error(`timed out waiting for ${pattern}; the screen was:\n${screen().slice(-3000)}`);
        }
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
    async answer(prompt, text) {
      await run.waitFor(prompt, 20_000, typedAt);
      await new Promise((resolve) => setTimeout(resolve, 150));
      run.write(text);
    },
    exited,
    kill: () => {
      if (!done) child.kill();
    },
  };
  return run;
}

/** Text without ANSI escape sequences (CSI, OSC) and carriage returns. */
export function stripAnsi(text: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: escape sequences are control characters
  return text.replace(/\x1b\][^\x07\x1b]*(\x07|\x1b\\)/g, "").replace(/\x1b\[[0-9;?]*[ -/]*[@-~]/g, "").replace(/\x1b[()][A-Z0-9]/g, "").replace(/\r/g, "");
}
