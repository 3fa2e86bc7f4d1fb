import * as v from "valibot";

// The terminal protocol of GET /api/workspaces/:name/terminal (a WebSocket).
// Binary frames carry raw terminal bytes both ways (keystrokes in, screen output out).
// Text frames are JSON control messages: the client sends `resize`, the agent sends
// `exit` with the shell's exit code (or `error`) and then closes the socket with 1000.

/** Query parameters of the upgrade request: the initial size and the client's $TERM. */
export interface TerminalOpenOptions {
  cols?: number;
  rows?: number;
  term?: string;
}

/** `$TERM` values the agent accepts (anything else falls back to xterm-256color). */
export const TERM_PATTERN = /^[A-Za-z0-9._+-]{1,64}$/;

const size = v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(10_000));

/** A control frame from the client. */
export const terminalClientMessageSchema = v.variant("type", [v.object({ type: v.literal("resize"), cols: size, rows: size })]);
export type TerminalClientMessage = v.InferOutput<typeof terminalClientMessageSchema>;

/** A control frame from the agent. */
export const terminalServerMessageSchema = v.variant("type", [
  v.object({ type: v.literal("exit"), code: v.pipe(v.number(), v.integer()) }),
  v.object({ type: v.literal("error"), message: v.string() }),
]);
export type TerminalServerMessage = v.InferOutput<typeof terminalServerMessageSchema>;

/** Parses a control frame's text, or returns undefined when it is not one. */
export function parseTerminalMessage<S extends v.GenericSchema>(schema: S, text: string): v.InferOutput<S> | undefined {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return undefined;
  }
  const parsed = v.safeParse(schema, data);
  return parsed.success ? parsed.output : undefined;
}

/**
 * The WebSocket URL of a workspace's terminal.
 *
 * @example terminalUrl("http://localhost:7391", "demo", { cols: 80, rows: 24 }) // "ws://localhost:7391/api/workspaces/demo/terminal?cols=80&rows=24"
 */
export function terminalUrl(baseUrl: string, name: string, options: TerminalOpenOptions = {}): string {
  const url = new URL(`${baseUrl.replace(/\/+$/, "")}/api/workspaces/${encodeURIComponent(name)}/terminal`);
  url.protocol = url.protocol === "https:" ? "wss:" : "ws:";
  if (options.cols !== undefined) url.searchParams.set("cols", String(options.cols));
  if (options.rows !== undefined) url.searchParams.set("rows", String(options.rows));
  if (options.term !== undefined) url.searchParams.set("term", options.term);
  return url.toString();
}

/** The query of the upgrade request as the agent validates it. */
export const terminalQuerySchema = v.object({
  cols: v.optional(v.pipe(v.string(), v.regex(/^\d{1,5}$/, "cols must be a whole number"), v.transform(Number))),
  rows: v.optional(v.pipe(v.string(), v.regex(/^\d{1,5}$/, "rows must be a whole number"), v.transform(Number))),
  term: v.optional(v.string()),
});
