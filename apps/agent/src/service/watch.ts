import { watch } from "node:fs";
import { mkdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import type { WorkspaceDocker } from "@perry/docker";
import type { WorkspaceEvents } from "./events.js";
import type { WorkspaceService } from "./workspaces.js";

// Changes the agent did not make itself still reach the web UI: containers started, stopped or removed by
// hand (Docker's event stream) and workspaces joining the tailnet (their report files change).

const CONTAINER_ACTIONS = new Set(["start", "die", "stop", "pause", "unpause", "restart", "create", "oom"]);
// Docker being down is normal during a restart of the engine; try again at this pace.
const RECONNECT_MS = 2_000;

/** Publishes workspace changes seen in Docker events and report files until `signal` aborts. */
export function watchWorkspaces(deps: { docker: WorkspaceDocker; service: WorkspaceService; events: WorkspaceEvents; stateDir: string; signal: AbortSignal }): void {
  const publish = async (name: string) => {
    const workspace = await deps.service.get(name).catch(() => undefined);
    if (workspace) deps.events.emit({ type: "workspace", workspace });
  };
  void watchDockerEvents(deps, publish);
  void watchReports(deps, publish);
}

async function watchDockerEvents(deps: { docker: WorkspaceDocker; events: WorkspaceEvents; signal: AbortSignal }, publish: (name: string) => Promise<void>) {
  while (!deps.signal.aborted) {
    try {
      for await (const { name, action } of deps.docker.events({ signal: deps.signal })) {
        if (action === "destroy") deps.events.emit({ type: "workspace-removed", name });
        else if (CONTAINER_ACTIONS.has(action)) await publish(name);
      }
    } catch {
      // Docker unreachable; the API answers 503 meanwhile.
    }
    await new Promise((resolve) => setTimeout(resolve, RECONNECT_MS).unref());
  }
}

async function watchReports(deps: { events: WorkspaceEvents; stateDir: string; signal: AbortSignal }, publish: (name: string) => Promise<void>) {
  const root = join(deps.stateDir, "workspaces");
  await mkdir(root, { recursive: true });
  // The entrypoint rewrites its report every few seconds; only publish when the content changes.
  const last = new Map<string, string>();
  try {
    const watcher = watch(root, { recursive: true, signal: deps.signal });
    watcher.on("error", () => undefined);
    watcher.on("change", (_type, file) => {
      const [name, base] = String(file).split("/");
      if (!name || base !== "tailscale.json") return;
      void readFile(join(root, name, base), "utf8").then(
        (text) => {
          const key = text.replace(/"updatedAt":\s*"[^"]*"/, "");
          if (last.get(name) === key) return;
          last.set(name, key);
          void publish(name);
        },
        () => undefined,
      );
    });
  } catch {
    // No recursive fs.watch on this platform: the UI falls back to polling.
  }
}
