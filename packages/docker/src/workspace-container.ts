// How a Docker container looks to Perry: the shapes list() and get() return, mapped from Engine API data.
import type { ContainerInfo, ContainerInspectInfo } from "dockerode";
import { containerName, LABEL_TAILSCALE, LABEL_WORKSPACE } from "./contract.js";

/** Docker's container states. */
export type ContainerState = "created" | "running" | "paused" | "restarting" | "removing" | "exited" | "dead";

/** A workspace container as listed. */
export interface WorkspaceContainer {
  name: string;
  id: string;
  containerName: string;
  state: ContainerState;
  /** Docker's human summary, e.g. "Up 3 minutes" or "Exited (0) 2 hours ago". */
  status: string;
  image: string;
  createdAt: Date;
  labels: Record<string, string>;
  /** Created with NET_ADMIN and /dev/net/tun (kernel networking for tailscaled). */
  tailscaleCapable: boolean;
}

/** A workspace container with the details only inspect knows. */
export interface WorkspaceContainerDetails extends WorkspaceContainer {
  /** Undefined when the container never started. */
  startedAt?: Date;
  /** Undefined while it has never stopped. */
  finishedAt?: Date;
  exitCode: number;
}

/** Maps one listContainers entry. */
export function fromListEntry(info: ContainerInfo): WorkspaceContainer {
  const labels = info.Labels ?? {};
  const name = labels[LABEL_WORKSPACE] ?? info.Names[0]?.replace(/^\/workspace-/, "") ?? info.Id;
  return {
    name,
    id: info.Id,
    containerName: containerName(name),
    state: info.State as ContainerState,
    status: info.Status,
    image: info.Image,
    createdAt: new Date(info.Created * 1000),
    labels,
    tailscaleCapable: labels[LABEL_TAILSCALE] === "true",
  };
}

// Docker reports "never" as the zero time.
function dockerTime(value: string | undefined): Date | undefined {
  if (!value || value.startsWith("0001-")) return undefined;
  return new Date(value);
}

/** Adds inspect-only details to a listed container. */
export function withInspect(listed: WorkspaceContainer, info: ContainerInspectInfo): WorkspaceContainerDetails {
  const startedAt = dockerTime(info.State.StartedAt);
  const finishedAt = dockerTime(info.State.FinishedAt);
  return {
    ...listed,
    ...(startedAt ? { startedAt } : {}),
    ...(finishedAt ? { finishedAt } : {}),
    exitCode: info.State.ExitCode,
  };
}
