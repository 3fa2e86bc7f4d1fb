import type { CloneResult, CreateWorkspaceResponse, StartWorkspaceResponse, Workspace } from "@perry/api-client";
import { checkWorkspaceName } from "@perry/api-client";
import { type ConfigStore, tailscaleSettings } from "@perry/config";
import { settingsFiles, type WorkspaceContainer, type WorkspaceDocker } from "@perry/docker";
import { cloneIntoWorkspace } from "../clone/run.js";
import { DEFAULT_GITHUB_HOST, cloneUrlProblem, displayUrl, repoDirName, tokenApplies } from "../clone/target.js";
import { ServiceError } from "./errors.js";
import type { WorkspaceEvents } from "./events.js";
import { desiredTailscale, workspaceSettings } from "./handover.js";
import { KeyedLock } from "./lock.js";
import { type DesiredTailscale, presentWorkspace } from "./present.js";
import type { TailscaleReports } from "./reports.js";

// images/workspace/logout.sh
const LOGOUT_COMMAND = "/usr/local/bin/perry-logout";
const LOGOUT_TIMEOUT_MS = 30_000;

/** What the workspace service needs; all injected so tests can use real instances with temp dirs. */
export interface WorkspaceServiceDeps {
  docker: WorkspaceDocker;
  config: ConfigStore;
  reports: TailscaleReports;
  events: WorkspaceEvents;
  image: string;
  /** Workspaces' tailscaled upload no logs to Tailscale (PERRY_TAILSCALE_NO_LOGS=1). */
  tailscaleNoLogs?: boolean;
  log: (line: string) => void;
  /** Host besides github.com whose HTTPS clones get the GitHub token (settings.githubHost, PERRY_GITHUB_HOST). */
  githubHost?: string;
}

/** Orchestrates Docker, config and tailnet reports into the workspace lifecycle. */
export class WorkspaceService {
  readonly #lock = new KeyedLock();

  constructor(private readonly deps: WorkspaceServiceDeps) {}

  /** All workspaces: one Docker list call plus one read of the report directory. */
  async list(): Promise<Workspace[]> {
    const [containers, reports] = await Promise.all([this.deps.docker.list(), this.deps.reports.readAll()]);
    const settings = this.#tailscale();
    return containers
      .map((c) => presentWorkspace(c, desiredTailscale(settings, c.name), reports.get(c.name)))
      .sort((a, b) => a.name.localeCompare(b.name));
  }

  /** One workspace, or WORKSPACE_NOT_FOUND. */
  async get(name: string): Promise<Workspace> {
    checkName(name);
    return this.#present(await this.#require(name));
  }

  /** Creates and starts a new workspace; WORKSPACE_EXISTS if the name is taken. */
  create(name: string, options: { clone?: string } = {}): Promise<CreateWorkspaceResponse> {
    checkName(name);
    checkCloneUrl(options.clone);
    return this.#lock.run(name, async () => {
      if (await this.deps.docker.get(name)) {
        throw new ServiceError("WORKSPACE_EXISTS", `workspace "${name}" already exists`, `Start it with \`perry start ${name}\`, or pick another name.`);
      }
      const { workspace, clone } = await this.#createAndStart(name, options);
      return clone ? { ...workspace, clone } : workspace;
    });
  }

  /** Starts a workspace (a no-op when running); with `create`, creates it first when it does not exist. */
  start(name: string, options: { create?: boolean; clone?: string } = {}): Promise<StartWorkspaceResponse> {
    checkName(name);
    checkCloneUrl(options.clone);
    return this.#lock.run(name, async () => {
      const existing = await this.deps.docker.get(name);
      if (!existing) {
        if (!options.create) throw notFound(name);
        return { ...(await this.#createAndStart(name, options)), created: true };
      }
      if (options.clone) {
        throw new ServiceError(
          "WORKSPACE_EXISTS",
          `workspace "${name}" already exists; --clone only applies when a workspace is created`,
          `Clone inside it with \`perry shell ${name}\`, or remove it first with \`perry remove ${name}\`.`,
        );
      }
      if (existing.state === "running") return { workspace: await this.#present(existing), created: false };
      return { workspace: await this.#startContainer(name), created: false };
    });
  }

  /** Stops a workspace gracefully (a no-op when stopped). */
  stop(name: string): Promise<Workspace> {
    checkName(name);
    return this.#lock.run(name, async () => {
      const existing = await this.#require(name);
      if (existing.state === "running" || existing.state === "restarting" || existing.state === "paused") {
        this.#progress(name, "stopping", "Stopping the workspace");
        await this.deps.docker.stop(name);
      }
      return this.#publish(await this.#present(await this.#require(name)));
    });
  }

  /** Logs the workspace's node out of the tailnet (running or stopped), then removes the container, its volumes and its reports. */
  remove(name: string): Promise<void> {
    checkName(name);
    return this.#lock.run(name, async () => {
      const container = await this.deps.docker.get(name);
      if (!container) return this.#removeLeftovers(name);
      await this.#logout(container);
      this.#progress(name, "removing", "Removing the container and its volumes");
      await this.deps.docker.remove(name);
      await this.deps.reports.forget(name);
      this.deps.events.emit({ type: "workspace-removed", name });
    });
  }

  /** Log lines of the workspace's container. */
  async logs(name: string, options: { tail?: number; follow?: boolean; signal?: AbortSignal }): Promise<AsyncIterable<string>> {
    checkName(name);
    await this.#require(name);
    return this.deps.docker.logs(name, options);
  }

  // User docs: "When a workspace is deleted: Perry runs tailscale logout". Also for stopped workspaces,
  // which other tools skip, leaving orphaned nodes: their state volume is mounted in a one-off container.
  // A failed logout is logged and does not block deletion (an ephemeral key still cleans up later).
  async #logout(container: Pick<WorkspaceContainer, "name" | "state" | "image">): Promise<void> {
    const { name } = container;
    // A workspace never given Tailscale settings has no node: skip the (for stopped ones, costly) task.
    if (!(await this.deps.reports.mayHaveTailscaleState(name))) return;
    this.#progress(name, "logout", "Removing the workspace from the tailnet (tailscale logout)");
    try {
      const result =
        container.state === "running"
          ? await this.deps.docker.exec(name, [LOGOUT_COMMAND], { timeoutMs: LOGOUT_TIMEOUT_MS }).then((r) => ({ exitCode: r.exitCode, output: r.stderr + r.stdout }))
          : await this.deps.docker.runVolumeTask(name, { image: container.image, cmd: [LOGOUT_COMMAND], timeoutMs: LOGOUT_TIMEOUT_MS });
      const said = result.output.trim().split("\n").pop() ?? "";
      if (result.exitCode !== 0) this.deps.log(`[agent] Could not log ${name} out of the tailnet (${said || `exit ${result.exitCode}`}); removing it anyway`);
      else if (said.includes("logged out")) this.deps.log(`[agent] Logged ${name} out of the tailnet`);
    } catch (error) {
      this.deps.log(`[agent] Could not log ${name} out of the tailnet (${error instanceof Error ? error.message : String(error)}); removing it anyway`);
    }
  }

  // The container was removed behind Perry's back (`docker rm`): its volumes, tailnet node and reports are
  // still there, and `perry remove` is how the user gets rid of them.
  async #removeLeftovers(name: string): Promise<void> {
    if ((await this.deps.docker.volumes(name)).length === 0) throw notFound(name);
    await this.#logout({ name, state: "exited", image: this.deps.image });
    this.#progress(name, "removing", "Removing the volumes left by a container removed outside Perry");
    await this.deps.docker.remove(name);
    await this.deps.reports.forget(name);
    this.deps.events.emit({ type: "workspace-removed", name });
  }

  async #createAndStart(name: string, options: { clone?: string }): Promise<{ workspace: Workspace; clone?: CloneResult }> {
    const desired = desiredTailscale(this.#tailscale(), name);
    this.#progress(name, "creating", "Creating the container and its volumes");
    const reportDir = await this.deps.reports.prepare(name);
    await this.deps.docker.create({
      name,
      image: this.deps.image,
      tailscale: desired.enabled,
      reportDir,
    });
    this.deps.log(`[agent] Created workspace ${name}`);
    const started = await this.#startContainer(name);
    if (!options.clone) return { workspace: started };
    const clone = await this.#clone(name, options.clone);
    return { workspace: await this.#present(await this.#require(name)), clone };
  }

  // A failed clone leaves the workspace running: the result carries git's message instead of throwing.
  async #clone(name: string, url: string): Promise<CloneResult> {
    const dir = repoDirName(url) as string;
    const token = this.deps.config.get().config.github.token;
    const hosts = [DEFAULT_GITHUB_HOST, ...(this.deps.githubHost ? [this.deps.githubHost] : [])];
    const shown = displayUrl(url);
    this.#progress(name, "cloning", `Cloning ${shown} into ~/${dir}`);
    const result = await cloneIntoWorkspace(this.deps.docker, name, {
      url,
      dir,
      ...(token && tokenApplies(url, hosts) ? { token } : {}),
      onProgress: (line) => this.#progress(name, "cloning", line),
    });
    this.deps.log(result.ok ? `[agent] Cloned ${shown} into ${name}:${result.path}` : `[agent] Cloning ${shown} into ${name} failed: ${result.error ?? ""}`);
    return result;
  }

  // Hands the current settings over, starts the container, and returns (and publishes) the started workspace.
  async #startContainer(name: string): Promise<Workspace> {
    const settings = this.#tailscale();
    const desired = desiredTailscale(settings, name);
    this.#progress(name, "configuring", desired.enabled ? `Handing Tailscale settings to the workspace (${desired.hostname ?? "no hostname"})` : "Preparing the workspace");
    if (desired.enabled) await this.deps.reports.markTailscaleUsed(name);
    else await this.deps.reports.prepare(name);
    const files = settingsFiles(
      workspaceSettings(settings, desired, this.deps.config.get().config.ssh.authorizedKeys, { noLogs: this.deps.tailscaleNoLogs ?? false }),
    );
    await this.deps.docker.writeFiles(name, files);
    this.#progress(name, "starting", "Starting the container");
    await this.deps.docker.start(name);
    return this.#publish(await this.#present(await this.#require(name)));
  }

  async #present(container: WorkspaceContainer & { startedAt?: Date }, desired?: DesiredTailscale): Promise<Workspace> {
    const report = await this.deps.reports.read(container.name);
    return presentWorkspace(container, desired ?? desiredTailscale(this.#tailscale(), container.name), report);
  }

  async #require(name: string): Promise<WorkspaceContainer> {
    const container = await this.deps.docker.get(name);
    if (!container) throw notFound(name);
    return container;
  }

  #tailscale() {
    return tailscaleSettings(this.deps.config.get());
  }

  #publish(workspace: Workspace): Workspace {
    this.deps.events.emit({ type: "workspace", workspace });
    return workspace;
  }

  #progress(name: string, step: string, message: string): void {
    this.deps.events.emit({ type: "progress", name, step, message });
  }
}

function checkName(name: string): void {
  const problem = checkWorkspaceName(name);
  if (problem) {
    throw new ServiceError("INVALID_NAME", problem.message, problem.suggestion ? `Did you mean "${problem.suggestion}"?` : undefined);
  }
}

// Refused before anything is created, so a typo does not leave an empty workspace behind.
function checkCloneUrl(url: string | undefined): void {
  const problem = url === undefined ? undefined : cloneUrlProblem(url);
  if (problem) throw new ServiceError("BAD_REQUEST", problem, "Pass a git URL such as https://github.com/myuser/myapp or git@github.com:myuser/myapp.git.");
}

function notFound(name: string): ServiceError {
  return new ServiceError("WORKSPACE_NOT_FOUND", `no workspace named "${name}"`, `See existing workspaces with \`perry list\`, or create it with \`perry start ${name}\`.`);
}
