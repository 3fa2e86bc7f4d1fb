import { TERM_PATTERN, terminalQuerySchema } from "@perry/api-client";
import type { WorkspaceDocker } from "@perry/docker";
import { Hono } from "hono";
import { ServiceError } from "../service/errors.js";
import type { WorkspaceService } from "../service/workspaces.js";
import { type TerminalSession, takeUpgrade } from "../terminal/upgrade.js";
import { runTerminalSession } from "../terminal/session.js";
import { validate } from "./validate.js";

/**
 * GET /api/workspaces/:name/terminal: a shell in the workspace over a WebSocket (protocol in
 * @perry/api-client terminal.ts). The route runs like any other API request — the /api middleware
 * (authorization) and the running check answer first with their normal JSON errors — and only then
 * hands the connection to `attachTerminal`'s upgrade.
 */
export function terminalRoutes(deps: { service: WorkspaceService; docker: WorkspaceDocker; log: (line: string) => void }) {
  return new Hono().get("/:name/terminal", validate("query", terminalQuerySchema), async (c) => {
    const name = c.req.param("name");
    const workspace = await deps.service.get(name);
    if (workspace.status !== "running") {
      throw new ServiceError("WORKSPACE_NOT_RUNNING", `workspace "${name}" is not running (${workspace.status})`, `Start it with \`perry start ${name}\`, then try again.`);
    }
    const upgrade = takeUpgrade(c.env);
    if (!upgrade || c.req.header("upgrade")?.toLowerCase() !== "websocket") {
      throw new ServiceError("BAD_REQUEST", "the terminal is a WebSocket: connect with `Upgrade: websocket` (as `perry shell` does)");
    }
    const query = c.req.valid("query");
    const session: TerminalSession = (socket) =>
      runTerminalSession(socket, {
        docker: deps.docker,
        name,
        term: query.term && TERM_PATTERN.test(query.term) ? query.term : "xterm-256color",
        ...(query.cols && query.rows ? { size: { cols: query.cols, rows: query.rows } } : {}),
        log: deps.log,
      });
    upgrade(session);
    return c.body(null, 204);
  });
}
