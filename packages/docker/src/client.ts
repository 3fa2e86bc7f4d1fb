// Workspace operations on the Docker Engine API. Every call goes through `call()`, which maps failures once.
import { readdir } from "node:fs/promises";
import Docker from "dockerode";
import {
  type CreateWorkspaceOptions,
  containerName,
  containerSpec,
  DEFAULT_IMAGE,
  type FileEntry,
  LABEL_MANAGED,
  LABEL_WORKSPACE,
  settingsFiles,
  volumeNames,
  type WorkspaceSettings,
  workspaceLabels,
} from "./contract.js";
import { BUILD_IMAGE_HINT, DockerError, type DockerErrorContext, mapDockerError } from "./errors.js";
import { type ExecOptions, type ExecResult, runExec } from "./exec.js";
import { demux, jsonLines, lines } from "./streams.js";
import { tarFiles } from "./tar.js";
import { runVolumeTask, type TaskOptions } from "./task.js";
import { fromListEntry, type WorkspaceContainer, type WorkspaceContainerDetails, withInspect } from "./workspace-container.js";

/** Where to find Docker. */
export interface WorkspaceDockerOptions {
  /** Default: the path of a `unix://` DOCKER_HOST, else /var/run/docker.sock. */
  socketPath?: string;
  /** An existing dockerode client (its socket is still named by `socketPath` in error messages). */
  docker?: Docker;
  /** Environment to read DOCKER_HOST from. */
  env?: Record<string, string | undefined>;
}

/** The socket a client uses when none is given: a `unix://` DOCKER_HOST, else /var/run/docker.sock. */
export function defaultSocketPath(env: Record<string, string | undefined> = process.env): string {
  const host = env.DOCKER_HOST;
  return host?.startsWith("unix://") ? host.slice("unix://".length) : "/var/run/docker.sock";
}

/** A container event for a Perry workspace. */
export interface WorkspaceEvent {
  name: string;
  /** Docker's action: create, start, die, stop, destroy, health_status, … */
  action: string;
}

/** Options for writeFile(). */
export interface WriteFileOptions {
  mode?: number;
  uid?: number;
  gid?: number;
}

/** Options for buildImage(). */
export interface BuildImageOptions {
  contextDir: string;
  tag: string;
  buildArgs?: Record<string, string>;
  /** Each line of build output as it arrives. */
  onProgress?: (line: string) => void;
}

type DockerStatusError = { statusCode?: number };
const hasStatus = (err: unknown, ...codes: number[]) => codes.includes((err as DockerStatusError)?.statusCode ?? 0);

/** Workspace containers, volumes and images on one Docker engine. */
export class WorkspaceDocker {
  /** The underlying dockerode client, for callers that need an API this class does not wrap. */
  readonly docker: Docker;
  /** The socket this client talks to. */
  readonly socketPath: string;

  constructor(opts: WorkspaceDockerOptions = {}) {
    this.socketPath = opts.socketPath ?? defaultSocketPath(opts.env);
    this.docker = opts.docker ?? new Docker({ socketPath: this.socketPath });
  }

  private async call<T>(ctx: Omit<DockerErrorContext, "socketPath">, fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (err) {
      throw mapDockerError(err, { ...ctx, socketPath: this.socketPath });
    }
  }

  /** Checks that the engine answers; throws DOCKER_UNAVAILABLE when it does not. */
  async ping(): Promise<void> {
    await this.call({ action: "ping Docker" }, () => this.docker.ping());
  }

  /** The engine's version, e.g. "20.10.24+dfsg1"; throws DOCKER_UNAVAILABLE when it does not answer. */
  async version(): Promise<string> {
    const info = await this.call({ action: "ask Docker its version" }, () => this.docker.version());
    return info.Version;
  }

  /** Every workspace container, running or not, in one label-filtered call. */
  async list(): Promise<WorkspaceContainer[]> {
    const infos = await this.call({ action: "list workspaces" }, () =>
      this.docker.listContainers({ all: true, filters: { label: [`${LABEL_MANAGED}=true`] } }),
    );
    return infos.map(fromListEntry);
  }

  /** One workspace with start/finish times and exit code, or undefined when it does not exist. */
  async get(name: string): Promise<WorkspaceContainerDetails | undefined> {
    const ctx = { action: `inspect workspace ${name}`, workspace: name };
    const [info] = await this.call(ctx, () =>
      this.docker.listContainers({
        all: true,
        filters: { label: [`${LABEL_MANAGED}=true`, `${LABEL_WORKSPACE}=${name}`] },
      }),
    );
    if (!info) return undefined;
    try {
      return withInspect(fromListEntry(info), await this.docker.getContainer(info.Id).inspect());
    } catch (err) {
      if (hasStatus(err, 404)) return undefined; // removed between the two calls
      throw mapDockerError(err, { ...ctx, socketPath: this.socketPath });
    }
  }

  private async require(name: string): Promise<WorkspaceContainerDetails> {
    const found = await this.get(name);
    if (!found) throw new DockerError("WORKSPACE_NOT_FOUND", `Workspace ${name} not found.`);
    return found;
  }

  /** Creates the volumes (kept if they exist) and the container, not started. */
  async create(opts: CreateWorkspaceOptions): Promise<WorkspaceContainerDetails> {
    const image = opts.image ?? DEFAULT_IMAGE;
    const ctx = { action: `create workspace ${opts.name}`, workspace: opts.name, image };
    if (!(await this.imageExists(image))) {
      throw new DockerError("IMAGE_NOT_FOUND", `Image ${image} not found; ${BUILD_IMAGE_HINT}.`);
    }
    await this.call(ctx, async () => {
      for (const volume of Object.values(volumeNames(opts.name))) {
        await this.docker.createVolume({ Name: volume, Labels: workspaceLabels(opts.name) });
      }
      await this.docker.createContainer(containerSpec({ ...opts, image }));
    });
    return this.require(opts.name);
  }

  /** Replaces the container with one made from new options, keeping the volumes; the new one is not started. */
  async recreate(name: string, opts: Omit<CreateWorkspaceOptions, "name">): Promise<WorkspaceContainerDetails> {
    const current = await this.require(name);
    const image = opts.image ?? DEFAULT_IMAGE;
    // Check before removing, so a missing image cannot leave the workspace without a container.
    if (!(await this.imageExists(image))) {
      throw new DockerError("IMAGE_NOT_FOUND", `Image ${image} not found; ${BUILD_IMAGE_HINT}.`);
    }
    await this.call({ action: `recreate workspace ${name}`, workspace: name }, () =>
      this.docker.getContainer(current.id).remove({ force: true }),
    );
    return this.create({ ...opts, name });
  }

  /** Starts a workspace; starting a running one is fine. */
  async start(name: string): Promise<void> {
    await this.call({ action: `start workspace ${name}`, workspace: name }, async () => {
      try {
        await this.docker.getContainer(containerName(name)).start();
      } catch (err) {
        if (!hasStatus(err, 304)) throw err;
      }
    });
  }

  /** Stops a workspace with SIGTERM, killing it after `timeoutSeconds`; stopping a stopped one is fine. */
  async stop(name: string, opts: { timeoutSeconds?: number } = {}): Promise<void> {
    await this.call({ action: `stop workspace ${name}`, workspace: name }, async () => {
      try {
        await this.docker.getContainer(containerName(name)).stop({ t: opts.timeoutSeconds ?? 10 });
      } catch (err) {
        if (!hasStatus(err, 304)) throw err;
      }
    });
  }

  /** Force-removes the container, then (unless `keepVolumes`) its labelled volumes; missing pieces are fine. */
  async remove(name: string, opts: { keepVolumes?: boolean } = {}): Promise<void> {
    await this.call({ action: `remove workspace ${name}`, workspace: name }, async () => {
      await ignore404(this.docker.getContainer(containerName(name)).remove({ force: true }));
      if (opts.keepVolumes) return;
      for (const volume of await this.volumesOf(name)) await ignore404(this.docker.getVolume(volume).remove());
    });
  }

  /** Names of the workspace's volumes; they outlive a container removed by hand (`docker rm`). */
  async volumes(name: string): Promise<string[]> {
    return this.call({ action: `list the volumes of workspace ${name}`, workspace: name }, () => this.volumesOf(name));
  }

  private async volumesOf(name: string): Promise<string[]> {
    const { Volumes } = await this.docker.listVolumes({
      filters: { label: [`${LABEL_MANAGED}=true`, `${LABEL_WORKSPACE}=${name}`] },
    });
    return (Volumes ?? []).map((volume) => volume.Name);
  }

  /** Runs a command in a running workspace and returns its exit code and output. */
  async exec(name: string, cmd: string[], opts: ExecOptions = {}): Promise<ExecResult> {
    return this.call({ action: `run ${cmd[0] ?? "a command"} in workspace ${name}`, workspace: name }, () =>
      runExec(this.docker, this.docker.getContainer(containerName(name)), cmd, opts),
    );
  }

  /**
   * Runs `cmd` in a one-off container of `image` that mounts the workspace's tailscale state volume; for
   * work on a stopped workspace (logging its node out before deletion). The container is always removed.
   */
  async runVolumeTask(name: string, opts: TaskOptions): Promise<{ exitCode: number; output: string }> {
    return this.call({ action: `run a task on the volumes of workspace ${name}`, workspace: name }, () => runVolumeTask(this.docker, name, opts));
  }

  /** Places files into a workspace in one archive; works on created and stopped containers too. */
  async writeFiles(name: string, files: FileEntry[]): Promise<void> {
    const archive = tarFiles(files);
    await this.call({ action: `write files into workspace ${name}`, workspace: name }, () =>
      this.docker.getContainer(containerName(name)).putArchive(archive, { path: "/" }),
    );
  }

  /** Places one file into a workspace (default root-owned 0600), also before its first start. */
  async writeFile(name: string, path: string, content: string | Buffer, opts: WriteFileOptions = {}): Promise<void> {
    await this.writeFiles(name, [{ path, content, mode: opts.mode ?? 0o600, uid: opts.uid ?? 0, gid: opts.gid ?? 0 }]);
  }

  /** Writes the entrypoint's settings files (see WorkspaceSettings); call before start(). */
  async writeSettings(name: string, settings: WorkspaceSettings): Promise<void> {
    await this.writeFiles(name, settingsFiles(settings));
  }

  /** The container's output as text lines (stdout and stderr interleaved); `follow` keeps reading. */
  async *logs(name: string, opts: { tail?: number; follow?: boolean; signal?: AbortSignal } = {}): AsyncGenerator<string> {
    const container = this.docker.getContainer(containerName(name));
    const ctx = { action: `read logs of workspace ${name}`, workspace: name };
    const source = await this.call<NodeJS.ReadableStream | Buffer>(ctx, () =>
      opts.follow
        ? container.logs({ follow: true, stdout: true, stderr: true, tail: opts.tail, abortSignal: opts.signal })
        : container.logs({ follow: false, stdout: true, stderr: true, tail: opts.tail, abortSignal: opts.signal }),
    );
    yield* untilAborted(lines(demux(this.docker.modem, source).stdout), opts.signal);
  }

  /** Whether an image with this reference exists locally. */
  async imageExists(ref: string): Promise<boolean> {
    return this.call({ action: `inspect image ${ref}` }, async () => {
      try {
        await this.docker.getImage(ref).inspect();
        return true;
      } catch (err) {
        if (hasStatus(err, 404)) return false;
        throw err;
      }
    });
  }

  /** Builds an image from a directory (honouring its .dockerignore); throws with the build's error text. */
  async buildImage(opts: BuildImageOptions): Promise<void> {
    const ctx = { action: `build image ${opts.tag}` };
    await this.call(ctx, async () => {
      const src = await readdir(opts.contextDir);
      const stream = await this.docker.buildImage(
        { context: opts.contextDir, src },
        { t: opts.tag, buildargs: opts.buildArgs ?? {}, rm: true, forcerm: true },
      );
      for await (const event of jsonLines<{ stream?: string; status?: string; error?: string }>(stream)) {
        if (event.error) throw new DockerError("DOCKER_FAILED", `Building ${opts.tag} failed: ${event.error.trim()}`);
        const text = event.stream ?? event.status;
        if (text && opts.onProgress) for (const line of text.replace(/\n$/, "").split("\n")) opts.onProgress(line);
      }
    });
  }

  /** Lifecycle events of workspace containers as they happen, until `signal` aborts. */
  async *events(opts: { signal?: AbortSignal } = {}): AsyncGenerator<WorkspaceEvent> {
    const stream = await this.call({ action: "watch workspace events" }, () =>
      this.docker.getEvents({
        filters: { type: ["container"], label: [`${LABEL_MANAGED}=true`] },
        abortSignal: opts.signal,
      }),
    );
    type RawEvent = { Action?: string; status?: string; Actor?: { Attributes?: Record<string, string> } };
    for await (const event of untilAborted(jsonLines<RawEvent>(stream), opts.signal)) {
      const name = event.Actor?.Attributes?.[LABEL_WORKSPACE];
      const action = event.Action ?? event.status;
      if (name && action) yield { name, action };
    }
  }
}

/** A client for the workspaces on one Docker engine. */
export function createWorkspaceDocker(opts: WorkspaceDockerOptions = {}): WorkspaceDocker {
  return new WorkspaceDocker(opts);
}

async function ignore404(promise: Promise<unknown>): Promise<void> {
  try {
    await promise;
  } catch (err) {
    if (!hasStatus(err, 404)) throw err;
  }
}

// An aborted request surfaces as a stream error; to the caller it simply means "stop iterating".
async function* untilAborted<T>(source: AsyncIterable<T>, signal: AbortSignal | undefined): AsyncGenerator<T> {
  try {
    yield* source;
  } catch (err) {
    if (!signal?.aborted) throw err;
  }
}
