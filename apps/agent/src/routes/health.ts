import { Hono } from "hono";

/** /api/health: liveness, without touching Docker or Tailscale. */
export function healthRoutes(version: string) {
  return new Hono().get("/", (c) => c.json({ ok: true, version }, 200));
}
