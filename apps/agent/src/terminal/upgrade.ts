// WebSocket upgrades for the terminal route. Node delivers upgrade requests as a server event outside the
// request handler, so `attachTerminal` replays each one through the Hono app (same middleware, same JSON
// errors) with an `accept` callback in the env; only a route that calls it gets the upgraded socket.
import { type IncomingMessage, type Server, STATUS_CODES } from "node:http";
import type { Duplex } from "node:stream";
import type { WebSocket, WebSocketServer } from "ws";

/** What the route hands over: runs once the socket is upgraded. */
export type TerminalSession = (socket: WebSocket) => void;

const UPGRADE = Symbol("perry.terminal.upgrade");

type UpgradeEnv = { incoming: IncomingMessage; outgoing: undefined; [UPGRADE]: (session: TerminalSession) => void };

/** The accept callback when this request arrived as an upgrade through `attachTerminal`, else undefined. */
export function takeUpgrade(env: unknown): ((session: TerminalSession) => void) | undefined {
  return typeof env === "object" && env !== null ? (env as Partial<UpgradeEnv>)[UPGRADE] : undefined;
}

/** The part of the Hono app `attachTerminal` needs. */
export interface FetchApp {
  fetch(request: Request, env?: unknown): Response | Promise<Response>;
}

/** Returned by `attachTerminal`: ends open terminals (the HTTP server's close does not see upgraded sockets). */
export interface TerminalAttachment {
  close(): void;
}

/**
 * Lets `server` upgrade GET /api/workspaces/:name/terminal to a WebSocket. Call once per listener,
 * right after creating it; call `close()` before closing the listener.
 *
 * @example const terminals = attachTerminal(server, agent.app); … terminals.close(); await close(server);
 */
export function attachTerminal(server: Server, app: FetchApp): TerminalAttachment {
  // `ws` is loaded with the first terminal, not at start-up: an idle agent stays ~15 MB smaller.
  let wss: Promise<WebSocketServer> | undefined;
  const serverFor = () => {
    wss ??= import("ws").then(({ WebSocketServer }) => new WebSocketServer({ noServer: true }));
    return wss;
  };
  server.on("upgrade", (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on("error", () => socket.destroy());
    void upgrade(app, serverFor, request, socket, head);
  });
  return {
    close() {
      void wss?.then((open) => {
        for (const client of open.clients) client.terminate();
        open.close();
      });
    },
  };
}

async function upgrade(app: FetchApp, wssFor: () => Promise<WebSocketServer>, request: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
  let session: TerminalSession | undefined;
  const env: UpgradeEnv = { incoming: request, outgoing: undefined, [UPGRADE]: (s) => {
      session = s;
    },
  };
  const headers = new Headers();
  for (const [key, value] of Object.entries(request.headers)) {
    if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(", ") : value);
  }
  let response: Response;
  try {
    response = await app.fetch(new Request(new URL(request.url ?? "/", "http://localhost"), { headers }), env);
  } catch {
    response = new Response(null, { status: 500 });
  }
  if (!session) {
    await refuse(socket, response);
    return;
  }
  const start = session;
  (await wssFor()).handleUpgrade(request, socket, head, (ws) => start(ws));
}

// The app's answer (401, 404, 409 with its JSON body) as a plain HTTP response; the client shows it.
async function refuse(socket: Duplex, response: Response): Promise<void> {
  const body = Buffer.from(await response.arrayBuffer().catch(() => new ArrayBuffer(0)));
  const lines = [`HTTP/1.1 ${response.status} ${STATUS_CODES[response.status] ?? ""}`];
  response.headers.forEach((value, key) => {
    if (key !== "content-length" && key !== "transfer-encoding" && key !== "connection") lines.push(`${key}: ${value}`);
  });
  lines.push(`content-length: ${body.length}`, "connection: close", "", "");
  socket.end(Buffer.concat([Buffer.from(lines.join("\r\n")), body]));
}
