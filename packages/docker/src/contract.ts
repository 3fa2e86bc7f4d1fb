// The workspace container contract shared by the agent and the image (images/workspace): names, labels,
// volumes, capabilities and the settings files the entrypoint reads. Pure data, no Docker calls.
import type { ContainerCreateOptions } from "dockerode";

/** Label on every container and volume Perry manages (value "true"); listing filters on it. */
export const LABEL_MANAGED = "dev.perry.managed";
/** Label holding the workspace name on its container and volumes. */
export const LABEL_WORKSPACE = "dev.perry.workspace";
/** Label set to "true" when the container was created with NET_ADMIN and /dev/net/tun. */
export const LABEL_TAILSCALE = "dev.perry.tailscale";
/** Image used when the caller names none. */
export const DEFAULT_IMAGE = "perry-workspace:latest";
/** Mount point of the home volume inside the container. */
export const HOME_DIR = "/home/workspace";
/** Mount point of the tailscaled state volume inside the container. */
export const TAILSCALE_STATE_DIR = "/var/lib/tailscale";
/**
 * Directory inside the container where the entrypoint reports its tailnet state. The agent bind-mounts a
 * per-workspace host directory here so that listing reads files on the host instead of exec'ing into each
 * container.
 */
export const REPORT_DIR = "/var/lib/perry-report";
/** Status file the entrypoint keeps up to date (JSON: state, hostname, dnsName, ips, health, error, updatedAt). */
export const TAILSCALE_STATUS_FILE = `${REPORT_DIR}/tailscale.json`;

/** Settings files the entrypoint reads at every start; a missing or empty file means "unset". */
export const SETTINGS_FILES = {
  tailscaleEnabled: "/etc/perry/tailscale/enabled",
  tailscaleHostname: "/etc/perry/tailscale/hostname",
  tailscaleLoginServer: "/etc/perry/tailscale/login-server",
  tailscaleTags: "/etc/perry/tailscale/tags",
  tailscaleAuthKey: "/etc/perry/tailscale/authkey",
  tailscaleNoLogs: "/etc/perry/tailscale/no-logs",
  authorizedKeys: "/etc/perry/authorized_keys",
} as const;

/** `workspace-<name>`: the container of a workspace. */
export function containerName(name: string): string {
  return `workspace-${name}`;
}

/** The named volumes of a workspace. */
export function volumeNames(name: string): { home: string; tailscale: string } {
  return { home: `workspace-${name}-home`, tailscale: `workspace-${name}-tailscale` };
}

/** Labels that tie a container or volume to a workspace. */
export function workspaceLabels(name: string): Record<string, string> {
  return { [LABEL_MANAGED]: "true", [LABEL_WORKSPACE]: name };
}

/** Options for creating a workspace container. */
export interface CreateWorkspaceOptions {
  name: string;
  image?: string;
  /** Grant NET_ADMIN and /dev/net/tun so tailscaled can use kernel networking. */
  tailscale: boolean;
  env?: Record<string, string>;
  labels?: Record<string, string>;
  /** Host directory mounted at REPORT_DIR for the entrypoint's status reports. */
  reportDir?: string;
}

/** The Engine API body for a workspace container (pure, so the contract is testable without Docker). */
export function containerSpec(opts: CreateWorkspaceOptions): ContainerCreateOptions {
  const volumes = volumeNames(opts.name);
  return {
    name: containerName(opts.name),
    Image: opts.image ?? DEFAULT_IMAGE,
    Hostname: opts.name,
    Env: Object.entries(opts.env ?? {}).map(([key, value]) => `${key}=${value}`),
    Labels: {
      ...opts.labels,
      ...workspaceLabels(opts.name),
      [LABEL_TAILSCALE]: String(opts.tailscale),
    },
    HostConfig: {
      Mounts: [
        { Type: "volume", Source: volumes.home, Target: HOME_DIR },
        { Type: "volume", Source: volumes.tailscale, Target: TAILSCALE_STATE_DIR },
        ...(opts.reportDir ? [{ Type: "bind" as const, Source: opts.reportDir, Target: REPORT_DIR }] : []),
      ],
      RestartPolicy: { Name: "unless-stopped" },
      // Kernel networking for tailscaled needs exactly these two; never Privileged.
      ...(opts.tailscale
        ? {
            CapAdd: ["NET_ADMIN"],
            Devices: [{ PathOnHost: "/dev/net/tun", PathInContainer: "/dev/net/tun", CgroupPermissions: "rwm" }],
          }
        : {}),
    },
  };
}

/** What the entrypoint should do at the next start; see images/workspace/entrypoint.sh. */
export interface WorkspaceSettings {
  /** Join the tailnet; omit to leave it (tailscaled is then not started). */
  tailscale?: {
    hostname: string;
    loginServer?: string;
    /** e.g. ["tag:perry-workspace"] */
    tags?: string[];
    /** Secret: written root-only 0600 and deleted by the entrypoint after a successful login. */
    authKey?: string;
    /** Run tailscaled with --no-logs-no-support (no log upload to Tailscale); tests and offline hosts want it. */
    noLogs?: boolean;
  };
  /** OpenSSH public keys for user `workspace`, one per line; omit to keep the ones already installed. */
  authorizedKeys?: string;
}

/** One file to place into a container. */
export interface FileEntry {
  path: string;
  content: string | Buffer;
  mode?: number;
  uid?: number;
  gid?: number;
}

/** Every settings file with its content; unset settings become empty files so stale values are cleared. */
export function settingsFiles(settings: WorkspaceSettings): FileEntry[] {
  const ts = settings.tailscale;
  const line = (value: string | undefined) => (value ? `${value}\n` : "");
  const files: FileEntry[] = [
    { path: SETTINGS_FILES.tailscaleEnabled, content: line(ts ? "true" : undefined), mode: 0o644 },
    { path: SETTINGS_FILES.tailscaleHostname, content: line(ts?.hostname), mode: 0o644 },
    { path: SETTINGS_FILES.tailscaleLoginServer, content: line(ts?.loginServer), mode: 0o644 },
    { path: SETTINGS_FILES.tailscaleTags, content: line(ts?.tags?.join(",")), mode: 0o644 },
    { path: SETTINGS_FILES.tailscaleAuthKey, content: line(ts?.authKey), mode: 0o600 },
    { path: SETTINGS_FILES.tailscaleNoLogs, content: line(ts?.noLogs ? "true" : undefined), mode: 0o644 },
  ];
  if (settings.authorizedKeys !== undefined) {
    files.push({ path: SETTINGS_FILES.authorizedKeys, content: line(settings.authorizedKeys.trim()), mode: 0o644 });
  }
  return files;
}
