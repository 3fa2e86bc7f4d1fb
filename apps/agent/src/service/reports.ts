import { access, mkdir, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { TailscaleState } from "@perry/api-client";
import * as v from "valibot";

// Each workspace's entrypoint writes what its own tailscaled says into a small JSON
// file in a per-workspace directory that the agent bind-mounts into the container.
// Listing then costs one directory read on the host, not one `docker exec` per
// workspace. The files are derived state: deleting them loses nothing.

// Mounted at @perry/docker's REPORT_DIR inside the workspace.
const REPORT_FILE = "tailscale.json";
// Written by the agent (not the workspace) when it first hands Tailscale settings to a workspace.
const USED_MARKER = "tailscale-used";

// Written by images/workspace/entrypoint.sh: `state` is tailscaled's BackendState, or
// Disabled / Invalid / DaemonFailed from the entrypoint itself.
const rawReportSchema = v.looseObject({
  state: v.string(),
  hostname: v.nullish(v.string()),
  dnsName: v.nullish(v.string()),
  ips: v.nullish(v.array(v.string()), []),
  error: v.nullish(v.string()),
  restarts: v.nullish(v.number()),
  lastRestart: v.nullish(v.string()),
  updatedAt: v.string(),
});

/** One workspace's latest tailnet report, already in API terms. */
export interface TailscaleReport {
  enabled: boolean;
  state: Exclude<TailscaleState, "disabled" | "stopped" | "unknown" | "pending-restart">;
  hostname?: string;
  dnsName?: string;
  ips: string[];
  error?: string;
  /** tailscaled restarts by the entrypoint's supervisor in this run, when there were any. */
  restarts?: number;
  /** The supervisor's line about the last restart. */
  lastRestart?: string;
  updatedAt: string;
}

/** Reads and prepares the per-workspace report directories under `<stateDir>/workspaces`. */
export class TailscaleReports {
  readonly #root: string;

  constructor(stateDir: string) {
    this.#root = join(stateDir, "workspaces");
  }

  /** Host directory to bind-mount at @perry/docker's `REPORT_DIR`; created if missing. */
  async prepare(name: string): Promise<string> {
    const dir = join(this.#root, name);
    await mkdir(dir, { recursive: true, mode: 0o755 });
    return dir;
  }

  /** Remembers that the workspace was given Tailscale settings, so its state volume may hold a node. */
  async markTailscaleUsed(name: string): Promise<void> {
    await writeFile(join(await this.prepare(name), USED_MARKER), "");
  }

  /**
   * Whether the workspace may have a tailnet node to log out. Only a workspace that reported but was
   * never given Tailscale settings certainly has none; without any record, assume it may.
   */
  async mayHaveTailscaleState(name: string): Promise<boolean> {
    const dir = join(this.#root, name);
    const [marked, reported] = await Promise.all([exists(join(dir, USED_MARKER)), exists(join(dir, REPORT_FILE))]);
    return marked || !reported;
  }

  /** Forgets a removed workspace's reports. */
  async forget(name: string): Promise<void> {
    await rm(join(this.#root, name), { recursive: true, force: true });
  }

  /** Every workspace's report, keyed by workspace name; unreadable or malformed files are skipped. */
  async readAll(): Promise<Map<string, TailscaleReport>> {
    const names = await readdir(this.#root).catch(() => [] as string[]);
    const entries = await Promise.all(names.map(async (name) => [name, await this.read(name)] as const));
    return new Map(entries.filter((entry): entry is [string, TailscaleReport] => entry[1] !== undefined));
  }

  /** One workspace's report, if it has written one. */
  async read(name: string): Promise<TailscaleReport | undefined> {
    const text = await readFile(join(this.#root, name, REPORT_FILE), "utf8").catch(() => undefined);
    if (text === undefined) return undefined;
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch {
      return undefined;
    }
    const parsed = v.safeParse(rawReportSchema, data);
    return parsed.success ? toReport(parsed.output) : undefined;
  }
}

/** Maps tailscaled's BackendState (plus the entrypoint's error text) to the API's state. */
export function stateFromBackend(backendState: string | undefined, error: string | undefined): TailscaleReport["state"] {
  switch (backendState) {
    case "Running":
      return "running";
    case "NeedsMachineAuth":
      return "needs-approval";
    case "NeedsLogin":
      // A login that never reached the control server also leaves tailscaled in NeedsLogin; the entrypoint's
      // probe says so ("… is unreachable (…)"). Not /timeout/: `up` times out on an unfinished interactive login too.
      return error ? (/unreachable|connection refused|no route|dial/i.test(error) ? "waiting" : "needs-login") : "starting";
    case "Invalid":
    case "DaemonFailed":
      return "error";
    case "Starting":
    case "NoState":
    case undefined:
      return error ? (/unreachable|timeout|connection refused|no route|dial/i.test(error) ? "waiting" : "error") : "starting";
    default:
      return error ? "error" : "starting";
  }
}

function toReport(raw: v.InferOutput<typeof rawReportSchema>): TailscaleReport {
  return {
    enabled: raw.state !== "Disabled",
    state: stateFromBackend(raw.state, raw.error ?? undefined),
    ips: raw.ips ?? [],
    updatedAt: raw.updatedAt,
    ...(raw.hostname ? { hostname: raw.hostname } : {}),
    ...(raw.dnsName ? { dnsName: raw.dnsName.replace(/\.$/, "") } : {}),
    ...(raw.error ? { error: withFix(raw.error.slice(0, 300)) } : {}),
    ...(raw.restarts ? { restarts: raw.restarts } : {}),
    ...(raw.lastRestart ? { lastRestart: raw.lastRestart.slice(0, 300) } : {}),
  };
}

// User docs, Troubleshooting: tailscaled names the cause, the API's `error` also names the fix.
const FIXES: ReadonlyArray<readonly [RegExp, string]> = [
  [
    /invalid key|unable to validate|key (has )?expired|revoked/i,
    "generate a new auth key in the Tailscale admin console, update it in Settings > Configuration > Networking (tailscale.authKey), then restart the workspace",
  ],
  [
    /tags?\b.*(invalid|not permitted|not allowed)/i,
    "check tailscale.tags and that the auth key may use those tags (tagOwners in your tailnet's ACLs), then restart the workspace",
  ],
  [
    /unreachable|timeout|timed out|connection refused|no route|dial/i,
    "check that the workspace can reach the control server (tailscale.loginServer, or Tailscale's own); it keeps retrying",
  ],
];

// Appends what to do about a reported failure, when the failure is a known one.
function withFix(error: string): string {
  const fix = FIXES.find(([pattern]) => pattern.test(error))?.[1];
  return fix ? `${error.replace(/[.\s]+$/, "")}: ${fix}` : error;
}

async function exists(path: string): Promise<boolean> {
  return access(path).then(
    () => true,
    () => false,
  );
}
