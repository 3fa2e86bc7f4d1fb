// A Docker socket in front of the real one that counts the Engine API requests passing through, so the
// bench can show how many Docker calls one listing costs. It splices bytes unchanged (keep-alive,
// hijacked attach/exec streams and long polls all just work) and spots HTTP request lines in what the
// client sends; a request line split across two reads is still seen once.
import { rm } from "node:fs/promises";
import { connect, createServer, type Socket } from "node:net";

/** A running counting proxy. */
export interface CountingProxy {
  socketPath: string;
  /** Requests seen since the last reset, as `METHOD /path?query` (query decoded). */
  seen(): string[];
  reset(): void;
  close(): Promise<void>;
}

const REQUEST_LINE = /(GET|HEAD|POST|PUT|DELETE|PATCH) (\/\S*) HTTP\/1\.[01]\r\n/g;
// Longer than any request line the agent sends, so one split by a read boundary is found whole.
const CARRY = 8192;

/** Returns the request lines in `chunk` that do not lie wholly inside `carry` (the end of earlier data). */
export function requestLines(carry: string, chunk: string): string[] {
  const text = carry + chunk;
  const found: string[] = [];
  for (const match of text.matchAll(REQUEST_LINE)) {
    if ((match.index ?? 0) + match[0].length > carry.length) found.push(`${match[1]} ${safeDecode(match[2] ?? "")}`);
  }
  return found;
}

/** Listens on `socketPath` and forwards every connection to `target`. */
export async function startCountingProxy(socketPath: string, target: string): Promise<CountingProxy> {
  let seen: string[] = [];
  const sockets = new Set<Socket>();
  const server = createServer((client) => {
    const upstream = connect(target);
    sockets.add(client).add(upstream);
    let carry = "";
    client.on("data", (chunk: Buffer) => {
      const text = chunk.toString("latin1");
      seen.push(...requestLines(carry, text));
      carry = (carry + text).slice(-CARRY);
    });
    client.pipe(upstream).pipe(client);
    const drop = () => {
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    client.on("error", drop).on("close", drop);
    upstream.on("error", drop).on("close", drop);
  });
  await rm(socketPath, { force: true });
  await new Promise<void>((resolve, reject) => server.once("error", reject).listen(socketPath, resolve));
  return {
    socketPath,
    seen: () => [...seen],
    reset: () => {
      seen = [];
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
      }),
  };
}

function safeDecode(url: string): string {
  try {
    return decodeURIComponent(url);
  } catch {
    return url;
  }
}
