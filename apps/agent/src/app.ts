import { relative } from "node:path";
import { serveStatic } from "@hono/node-server/serve-static";
import type { AgentTailscale } from "@perry/api-client";
import type { ConfigStore } from "@perry/config";
import type { WorkspaceDocker } from "@perry/docker";
import { Hono, type MiddlewareHandler } from "hono";
import { bodyLimit } from "hono/body-limit";
import { type AccessDeps, accessControl } from "./auth/middleware.js";
import { toErrorResponse } from "./http-errors.js";
import { configRoutes } from "./routes/config.js";
import { eventRoutes } from "./routes/events.js";
import { healthRoutes } from "./routes/health.js";
import { infoRoutes } from "./routes/info.js";
import { sshRoutes } from "./routes/ssh.js";
import { terminalRoutes } from "./routes/terminal.js";
import { workspaceRoutes } from "./routes/workspaces.js";
import type { WorkspaceEvents } from "./service/events.js";
import type { WorkspaceService } from "./service/workspaces.js";

/** Everything the HTTP app is built from; `main`/`startAgent` wire the real instances. */
export interface AppDeps {
  version: string;
  url: () => string;
  docker: WorkspaceDocker;
  config: ConfigStore;
  service: WorkspaceService;
  events: WorkspaceEvents;
  tailscale: () => AgentTailscale;
  /** Built web UI (apps/web/dist); the UI routes answer 404 when absent. */
  webDir?: string;
  /** Home of the user whose ~/.ssh/*.pub the wizard offers. */
  home?: string;
  /** Log internal errors with their stack. */
  debug?: boolean;
  log: (line: string) => void;
  /** Who may use the agent (Host/Origin checks and the access policy), applied to every request. */
  access: AccessDeps;
}

// No request the API accepts is anywhere near this; anything larger is a mistake or an attack.
const MAX_BODY_BYTES = 64 * 1024;

/** Builds the agent's Hono app: the API under /api, the web UI everywhere else. */
export function createApp(deps: AppDeps) {
  const api = new Hono()
    .use(bodyLimit({ maxSize: MAX_BODY_BYTES, onError: (c) => c.json({ error: { code: "PAYLOAD_TOO_LARGE", message: `request body is larger than ${MAX_BODY_BYTES / 1024} KiB` } }, 413) }))
    .route("/health", healthRoutes(deps.version))
    .route("/info", infoRoutes(deps))
    .route("/workspaces", workspaceRoutes(deps.service))
    .route("/workspaces", terminalRoutes(deps))
    .route("/config", configRoutes(deps.config))
    .route("/events", eventRoutes(deps.events))
    .route("/ssh", sshRoutes(deps.home));

  const app = new Hono();
  app.onError((error, c) => {
    const { status, body } = toErrorResponse(error);
    if (status >= 500 && body.error.code === "INTERNAL") deps.log(`[agent] error: ${c.req.method} ${c.req.path}: ${describe(error, deps.debug)}`);
    return c.json(body, status);
  });
  // Before every route, including WebSocket upgrades and the web UI (Host check against DNS rebinding).
  app.use("*", accessControl(deps.access));
  app.route("/api", api);
  // A mounted sub-app's notFound is not consulted, and the web UI's fallback must not answer API paths.
  app.all("/api/*", (c) => c.json({ error: { code: "NOT_FOUND", message: `no API route ${c.req.method} ${c.req.path}` } }, 404));
  if (deps.webDir) mountWeb(app, deps.webDir);
  return app;
}

function mountWeb(app: Hono, webDir: string): void {
  // serveStatic resolves its root against the working directory.
  const root = relative(process.cwd(), webDir) || ".";
  // serveStatic calls onFound after building its response, so caching headers are set once it is done.
  const cacheControl = (value: string): MiddlewareHandler => async (c, next) => {
    await next();
    if (c.res.status === 200) c.res.headers.set("cache-control", value);
  };
  // File names carry a content hash, so they never change.
  // A missing asset is a 404, not the index page (which would then be cached as immutable).
  app.get("/assets/*", cacheControl("public, max-age=31536000, immutable"), serveStatic({ root }), (c) => c.text("Not Found", 404));
  app.use("/favicon.svg", serveStatic({ root }));
  // Every other GET is a client-side route (/workspaces/myproject): answer with index.html, revalidated.
  app.get("*", cacheControl("no-cache"), serveStatic({ root, rewriteRequestPath: () => "/index.html" }));
}

function describe(error: unknown, debug = false): string {
  if (!(error instanceof Error)) return String(error);
  return debug ? (error.stack ?? error.message) : error.message;
}
