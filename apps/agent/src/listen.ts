import type { Server } from "node:http";
import { createAdaptorServer } from "@hono/node-server";
import { AgentStartError } from "./errors.js";

type FetchHandler = (request: Request) => Response | Promise<Response>;

/** Starts one HTTP listener for `fetch` on host:port; a busy port becomes PORT_IN_USE. */
export function listen(fetch: FetchHandler, host: string, port: number): Promise<Server> {
  const server = createAdaptorServer({ fetch }) as Server;
  return new Promise((resolve, reject) => {
    server.once("error", (error: NodeJS.ErrnoException) => {
      if (error.code === "EADDRINUSE") {
        reject(new AgentStartError("PORT_IN_USE", `port ${port} on ${host} is already in use (is another agent running?); stop it or choose another with --port`, { cause: error }));
      } else if (error.code === "EADDRNOTAVAIL" || error.code === "ENOTFOUND") {
        reject(new AgentStartError("LISTEN_FAILED", `cannot listen on ${host}: no such address on this machine; check --host`, { cause: error }));
      } else {
        reject(new AgentStartError("LISTEN_FAILED", `cannot listen on ${host}:${port}: ${error.message}`, { cause: error }));
      }
    });
    server.listen(port, host, () => resolve(server));
  });
}

/** Closes a listener, ending keep-alive and streaming (SSE, log follow) connections too. */
export function close(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

/** The port a listener actually got (for port 0). */
export function boundPort(server: Server): number {
  const address = server.address();
  return typeof address === "object" && address ? address.port : 0;
}
