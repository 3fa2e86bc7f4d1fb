import { createWorkspaceRequestSchema, startWorkspaceRequestSchema } from "@perry/api-client";
import { Hono } from "hono";
import { stream } from "hono/streaming";
import * as v from "valibot";
import type { WorkspaceService } from "../service/workspaces.js";
import { validate } from "./validate.js";

const logsQuerySchema = v.object({
  tail: v.optional(v.pipe(v.string(), v.regex(/^\d{1,6}$/, "tail must be a whole number"), v.transform(Number))),
  follow: v.optional(v.picklist(["0", "1", "true", "false"])),
});

// Starting pulls nothing and copies a few small files, but an image layer
// cold-cache or a slow disk can still take a while; clients show progress.

/** /api/workspaces: list, create, get, start, stop, remove, logs. */
export function workspaceRoutes(service: WorkspaceService) {
  return new Hono()
    .get("/", async (c) => c.json({ workspaces: await service.list() }, 200))
    .post("/", validate("json", createWorkspaceRequestSchema), async (c) => {
      const { name, clone } = c.req.valid("json");
      return c.json(await service.create(name, clone ? { clone } : {}), 201);
    })
    .get("/:name", async (c) => c.json(await service.get(c.req.param("name")), 200))
    .post("/:name/start", validate("json", startWorkspaceRequestSchema), async (c) => {
      const request = c.req.valid("json");
      const result = await service.start(c.req.param("name"), request);
      return c.json(result, result.created ? 201 : 200);
    })
    .post("/:name/stop", async (c) => c.json(await service.stop(c.req.param("name")), 200))
    .delete("/:name", async (c) => {
      await service.remove(c.req.param("name"));
      return c.body(null, 204);
    })
    .get("/:name/logs", validate("query", logsQuerySchema), async (c) => {
      const query = c.req.valid("query");
      const follow = query.follow === "1" || query.follow === "true";
      const abort = new AbortController();
      const lines = await service.logs(c.req.param("name"), { follow, signal: abort.signal, ...(query.tail !== undefined ? { tail: query.tail } : {}) });
      c.header("content-type", "text/plain; charset=utf-8");
      c.header("cache-control", "no-store");
      return stream(c, async (out) => {
        out.onAbort(() => abort.abort());
        for await (const line of lines) await out.write(`${line}\n`);
      });
    });
}
