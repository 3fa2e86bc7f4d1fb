// Workspaces for the listing figures, created straight on the Engine API with the agent's own container
// spec (containerSpec) so they are real containers that the agent lists exactly like its own. They are
// left in state "created": listing does not depend on the state, and 100 running workspaces would skew
// the machine. Each also gets the tailnet report file a running workspace's entrypoint would write, so
// the agent's one directory read has real files to read.
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { containerSpec, volumeNames, workspaceLabels } from "@perry/docker";
import { type Engine, filters } from "./engine.js";

/** Label on everything a bench run creates directly; its value is the run id. */
export const BENCH_LABEL = "dev.perry.bench";

/** What a run needs to create and find its workspaces. */
export interface RunScope {
  /** Short id; every workspace name of the run starts with `b<id>-`. */
  id: string;
  image: string;
  /** The agents' PERRY_STATE_DIR (reports live under `<stateDir>/workspaces/<name>`). */
  stateDir: string;
}

/** Name prefix of every workspace of the run. */
export function namePrefix(scope: RunScope): string {
  return `b${scope.id}-`;
}

/** Creates a workspace's volumes and container from the agent's spec (not started); returns its name. */
export async function createRawWorkspace(api: Engine, scope: RunScope, name: string): Promise<void> {
  for (const volume of Object.values(volumeNames(name))) {
    await api.call("POST", "/volumes/create", { Name: volume, Labels: { ...workspaceLabels(name), [BENCH_LABEL]: scope.id } });
  }
  const reportDir = join(scope.stateDir, "workspaces", name);
  await mkdir(reportDir, { recursive: true });
  const { name: containerName, ...spec } = containerSpec({ name, image: scope.image, tailscale: false, reportDir, labels: { [BENCH_LABEL]: scope.id } });
  await api.call("POST", `/containers/create?name=${containerName}`, spec);
}

/** Grows the run's listing fixtures to `count` (created, never started), `parallel` at a time. */
export async function growFixtures(api: Engine, scope: RunScope, have: number, count: number, parallel = 4): Promise<void> {
  const names = Array.from({ length: Math.max(0, count - have) }, (_, i) => `${namePrefix(scope)}l${have + i}`);
  for (let i = 0; i < names.length; i += parallel) {
    await Promise.all(
      names.slice(i, i + parallel).map(async (name) => {
        await createRawWorkspace(api, scope, name);
        await writeReport(scope, name);
      }),
    );
  }
}

// What images/workspace/entrypoint.sh writes for a workspace that has joined the tailnet.
async function writeReport(scope: RunScope, name: string): Promise<void> {
  const report = { state: "Running", hostname: name, dnsName: `${name}.bench.ts.net.`, ips: ["100.64.0.1", "fd7a:115c:a1e0::1"], error: null, updatedAt: new Date().toISOString() };
  await writeFile(join(scope.stateDir, "workspaces", name, "tailscale.json"), JSON.stringify(report));
}

/** Force-removes every container and volume of the run (by label and by name prefix); safe to call twice. */
export async function removeRun(api: Engine, scope: RunScope): Promise<number> {
  const prefix = `workspace-${namePrefix(scope)}`;
  const byName = await api.call<{ Id: string; Names: string[] }[]>("GET", `/containers/json?all=1&filters=${filters({ name: [prefix] })}`);
  const byLabel = await api.call<{ Id: string; Names: string[] }[]>("GET", `/containers/json?all=1&filters=${filters({ label: [`${BENCH_LABEL}=${scope.id}`] })}`);
  const ids = new Set([...byName, ...byLabel].map((c) => c.Id));
  await inBatches([...ids], (id) => api.call("DELETE", `/containers/${id}?force=1&v=1`).catch(() => undefined));
  const { Volumes } = await api.call<{ Volumes: { Name: string }[] | null }>("GET", `/volumes?filters=${filters({ name: [prefix] })}`);
  await inBatches((Volumes ?? []).filter((v) => v.Name.startsWith(prefix)).map((v) => v.Name), (name) => api.call("DELETE", `/volumes/${name}`).catch(() => undefined));
  return ids.size;
}

async function inBatches<T>(items: T[], work: (item: T) => Promise<unknown>, size = 8): Promise<void> {
  for (let i = 0; i < items.length; i += size) await Promise.all(items.slice(i, i + size).map(work));
}
