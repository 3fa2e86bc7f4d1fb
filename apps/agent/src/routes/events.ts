import { Hono } from "hono";
import { streamSSE } from "hono/streaming";
import type { WorkspaceEvents } from "../service/events.js";

// A comment line every 15 s keeps proxies (and Tailscale Serve) from closing an idle stream.
const KEEPALIVE_MS = 15_000;

/** /api/events: workspace changes as server-sent events. */
export function eventRoutes(events: WorkspaceEvents) {
  return new Hono().get("/", (c) =>
    streamSSE(c, async (sse) => {
      const queue: string[] = [];
      let wake: (() => void) | undefined;
      const unsubscribe = events.subscribe((event) => {
        queue.push(JSON.stringify(event));
        wake?.();
      });
      let open = true;
      sse.onAbort(() => {
        open = false;
        unsubscribe();
        wake?.();
      });
      while (open) {
        const next = queue.shift();
        if (next !== undefined) {
          await sse.writeSSE({ data: next });
          continue;
        }
        await new Promise<void>((resolve) => {
          wake = resolve;
          setTimeout(resolve, KEEPALIVE_MS);
        });
        wake = undefined;
        if (open && queue.length === 0) await sse.write(": keepalive\n\n");
      }
    }),
  );
}
