import { createResource, createSignal, onCleanup } from "solid-js";
import { createStore, produce } from "solid-js/store";
import { describeError, type Api, type Problem, type Workspace, type WorkspaceEvent } from "./api.js";

/** Options for the live workspace list; timings are parameters so tests can shorten them. */
export interface LiveWorkspaceOptions {
  /** Polling period while the event stream is down. */
  pollMs?: number;
  /** Wait before trying the event stream again. */
  reconnectMs?: number;
}

/** A workspace list kept current by server-sent events, falling back to polling when the stream fails. */
export function createLiveWorkspaces(api: Api, options: LiveWorkspaceOptions = {}) {
  const pollMs = options.pollMs ?? 5_000;
  const reconnectMs = options.reconnectMs ?? 15_000;
  const [list, { mutate }] = createResource(() => api.listWorkspaces().then(sortByName));
  const [progress, setProgress] = createStore<Record<string, string>>({});
  const [busy, setBusy] = createStore<Record<string, "starting" | "stopping" | "deleting">>({});
  const [problems, setProblems] = createStore<Record<string, Problem>>({});
  const [mode, setMode] = createSignal<"live" | "polling">("live");
  const [connectionProblem, setConnectionProblem] = createSignal<Problem>();

  const put = (workspace: Workspace) =>
    mutate((current) => sortByName([...(current ?? []).filter((w) => w.name !== workspace.name), workspace]));
  const drop = (name: string) => mutate((current) => (current ?? []).filter((w) => w.name !== name));

  function apply(event: WorkspaceEvent) {
    if (event.type === "workspace") put(event.workspace);
    else if (event.type === "workspace-removed") drop(event.name);
    else setProgress(event.name, event.message);
  }

  async function refresh() {
    try {
      mutate(sortByName(await api.listWorkspaces()));
      setConnectionProblem(undefined);
    } catch (error) {
      setConnectionProblem(describeError(error));
    }
  }

  const controller = new AbortController();
  let pollTimer: ReturnType<typeof setInterval> | undefined;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  const stopPolling = () => {
    clearInterval(pollTimer);
    pollTimer = undefined;
    setMode("live");
  };
  const startPolling = () => {
    setMode("polling");
    pollTimer ??= setInterval(() => void refresh(), pollMs);
  };

  async function follow() {
    try {
      for await (const event of api.events(controller.signal)) {
        if (pollTimer !== undefined) {
          stopPolling();
          void refresh(); // catch up on what happened while the stream was down
        }
        apply(event);
      }
    } catch {
      // Any failure (agent restarting, proxy cutting the stream) is handled by polling below.
    }
    if (controller.signal.aborted) return;
    startPolling();
    retryTimer = setTimeout(() => void follow(), reconnectMs);
  }
  void follow();
  onCleanup(() => {
    controller.abort();
    clearInterval(pollTimer);
    clearTimeout(retryTimer);
  });

  /** Runs one action on a workspace; failures land in `problems[name]`. Resolves to whether it worked. */
  async function act(name: string, kind: "starting" | "stopping" | "deleting", run: () => Promise<void>): Promise<boolean> {
    setBusy(name, kind);
    setProblems(produce((all) => delete all[name]));
    try {
      await run();
      return true;
    } catch (error) {
      setProblems(name, describeError(error));
      return false;
    } finally {
      setBusy(produce((all) => delete all[name]));
      setProgress(produce((all) => delete all[name]));
    }
  }

  return {
    list,
    progress,
    busy,
    problems,
    mode,
    connectionProblem,
    refresh,
    /** Starts (and with `create`, first creates) a workspace; resolves when it runs or failed. */
    start: (name: string, request: { create?: boolean; clone?: string } = {}) =>
      act(name, "starting", async () => {
        put((await api.startWorkspace(name, request)).workspace);
      }),
    stop: (name: string) =>
      act(name, "stopping", async () => {
        put(await api.stopWorkspace(name));
      }),
    remove: (name: string) =>
      act(name, "deleting", async () => {
        await api.removeWorkspace(name);
        drop(name);
      }),
  };
}

/** The live list's handle, as pages and cards use it. */
export type LiveWorkspaces = ReturnType<typeof createLiveWorkspaces>;

function sortByName(workspaces: Workspace[]): Workspace[] {
  return [...workspaces].sort((a, b) => a.name.localeCompare(b.name));
}
