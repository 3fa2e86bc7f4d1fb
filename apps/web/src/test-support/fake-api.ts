import type { Api, ConfigUpdate, ConfigView, HostSshKey, Workspace, WorkspaceEvent, WorkspaceTailscale } from "../lib/api.js";

// A test double of the agent API for component tests: the UI boundary, in memory.
// Every call is recorded so tests can assert what the UI sent.

/** A workspace record with sensible defaults. */
export function workspace(name: string, overrides: Partial<Omit<Workspace, "tailscale">> & { tailscale?: Partial<WorkspaceTailscale> } = {}): Workspace {
  const { tailscale, ...rest } = overrides;
  return {
    name,
    status: "running",
    dockerStatus: "Up 3 minutes",
    container: `workspace-${name}`,
    image: "perry-workspace:latest",
    createdAt: "2025-01-01T00:00:00.000Z",
    ...rest,
    tailscale: { state: "disabled", ips: [], online: false, ...tailscale },
  };
}

/** A config view with nothing configured. */
export function configView(overrides: { tailscale?: Partial<ConfigView["tailscale"]>; setupComplete?: boolean } = {}): ConfigView {
  return {
    tailscale: { enabled: false, authKeySource: "none", hostnamePrefix: "", tags: [], ...overrides.tailscale },
    github: {},
    agents: {},
    ssh: { authorizedKeys: [] },
    setupComplete: overrides.setupComplete ?? true,
  };
}

/** A pushable event stream: `push` delivers an event, `fail` breaks the stream. */
function eventChannel() {
  const waiting: ((result: IteratorResult<WorkspaceEvent>) => void)[] = [];
  const failing: ((error: unknown) => void)[] = [];
  const queue: WorkspaceEvent[] = [];
  let broken: unknown;
  return {
    push(event: WorkspaceEvent) {
      const next = waiting.shift();
      failing.shift();
      if (next) next({ value: event, done: false });
      else queue.push(event);
    },
    fail(error: unknown) {
      broken = error;
      for (const reject of failing.splice(0)) reject(error);
      waiting.splice(0);
    },
    iterable(signal: AbortSignal): AsyncIterable<WorkspaceEvent> {
      return {
        [Symbol.asyncIterator]: () => ({
          next: () =>
            new Promise<IteratorResult<WorkspaceEvent>>((resolve, reject) => {
              if (broken !== undefined) return reject(broken);
              const queued = queue.shift();
              if (queued) return resolve({ value: queued, done: false });
              signal.addEventListener("abort", () => resolve({ value: undefined, done: true }));
              waiting.push(resolve);
              failing.push(reject);
            }),
        }),
      };
    },
  };
}

/** Builds the fake; pass the starting state. */
export function createFakeApi(initial: { workspaces?: Workspace[]; config?: ConfigView; hostKeys?: HostSshKey[]; eventsFail?: boolean; holdStarts?: boolean } = {}) {
  const workspaces = new Map((initial.workspaces ?? []).map((w) => [w.name, w]));
  let config = initial.config ?? configView();
  const calls: { method: string; args: unknown[] }[] = [];
  const events = eventChannel();
  if (initial.eventsFail) events.fail(new Error("stream refused"));
  /** Set to make the next updateConfig fail with this error. */
  let nextUpdateError: unknown;
  /** Resolvers for pending starts, so tests control when a start finishes. */
  const pendingStarts = new Map<string, () => void>();
  const record = (method: string, ...args: unknown[]) => calls.push({ method, args });
  const find = (name: string) => {
    const found = workspaces.get(name);
    if (!found) throw Object.assign(new Error(`workspace ${name} not found`), { code: "WORKSPACE_NOT_FOUND" });
    return found;
  };

  const api: Api = {
    info: async () => ({
      version: "0.1.0",
      hostname: "devbox",
      url: "http://localhost:7391",
      docker: { available: true, version: "20.10" },
      tailscale: { state: "running", dnsName: "devbox.tail-scale.ts.net", ips: ["100.64.0.1"], httpsEnabled: true, serve: "enabled", httpsUrl: "https://devbox.tail-scale.ts.net" },
      workspaceTailscale: { enabled: false, hostnamePrefix: "", source: "none" },
    }),
    listWorkspaces: async () => {
      record("listWorkspaces");
      return [...workspaces.values()];
    },
    getWorkspace: async (name) => find(name),
    startWorkspace: async (name, request = {}) => {
      record("startWorkspace", name, request);
      if (initial.holdStarts) await new Promise<void>((resolve) => pendingStarts.set(name, resolve));
      const created = !workspaces.has(name);
      const started = workspace(name, { status: "running" });
      workspaces.set(name, started);
      return { workspace: started, created };
    },
    stopWorkspace: async (name) => {
      record("stopWorkspace", name);
      const stopped = { ...find(name), status: "stopped" as const };
      workspaces.set(name, stopped);
      return stopped;
    },
    removeWorkspace: async (name) => {
      record("removeWorkspace", name);
      find(name);
      workspaces.delete(name);
    },
    logs: async (name, opts) => {
      record("logs", name, opts);
      return new Response(`log line for ${name}\n`).body as ReadableStream<Uint8Array>;
    },
    getConfig: async () => config,
    updateConfig: async (update: ConfigUpdate) => {
      record("updateConfig", update);
      if (nextUpdateError !== undefined) {
        const error = nextUpdateError;
        nextUpdateError = undefined;
        throw error;
      }
      const key = update.tailscale?.authKey;
      config = {
        ...config,
        tailscale: {
          ...config.tailscale,
          ...(update.tailscale?.hostnamePrefix !== undefined ? { hostnamePrefix: update.tailscale.hostnamePrefix } : {}),
          ...(key ? { authKey: `${key.slice(0, 11)}…${key.slice(-4)}`, authKeySource: "file" as const } : {}),
          ...(update.tailscale?.enabled != null ? { enabled: update.tailscale.enabled } : {}),
        },
        ...(update.setupComplete !== undefined ? { setupComplete: update.setupComplete } : {}),
      };
      if (key === null) {
        const { authKey: _removed, ...rest } = config.tailscale;
        config = { ...config, tailscale: { ...rest, authKeySource: "none" } };
      }
      return config;
    },
    hostSshKeys: async () => initial.hostKeys ?? [],
    events: (signal) => events.iterable(signal),
  };

  return {
    api,
    calls,
    events,
    callsTo: (method: string) => calls.filter((call) => call.method === method).map((call) => call.args),
    failNextUpdate: (error: unknown) => {
      nextUpdateError = error;
    },
    finishStart: (name: string) => pendingStarts.get(name)?.(),
  };
}
