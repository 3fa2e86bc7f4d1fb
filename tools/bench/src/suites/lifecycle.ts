// Create → running, stop and remove of a workspace without Tailscale: through the agent's API against the
// same steps as raw Engine API calls (same image, same container spec with its two named volumes and the
// report bind mount). Agent and raw runs alternate so both see the same machine.
import { containerName, volumeNames } from "@perry/docker";
import { agentCall } from "../agent-api.js";
import type { BenchContext } from "../context.js";
import { createRawWorkspace, namePrefix } from "../fixtures.js";
import { figure, type Figure } from "../report.js";
import { type Repeat, summarise, timed } from "../stats.js";

const CREATE_RATIO_TARGET = 1.3;
// Printed by images/workspace/entrypoint.sh once sshd runs. Both kinds are stopped only after it, so the
// stop figures compare the same shutdown rather than one interrupted start-up.
const READY_LINE = "workspace ready";
const READY_TIMEOUT_MS = 30_000;

interface Samples {
  create: number[];
  stop: number[];
  remove: number[];
}

/** Runs `times` agent and raw lifecycles alternately; also counts one agent lifecycle's Engine API calls. */
export async function benchLifecycle(ctx: BenchContext, times: Repeat): Promise<Figure[]> {
  const agent: Samples = { create: [], stop: [], remove: [] };
  const raw: Samples = { create: [], stop: [], remove: [] };
  for (let i = -times.warmup; i < times.runs; i++) {
    ctx.log(`lifecycle: run ${i < 0 ? "warm-up" : i + 1} of ${times.runs}`);
    const keep = i >= 0;
    const a = await agentLifecycle(ctx, `${namePrefix(ctx.scope)}a${i + times.warmup}`);
    const r = await rawLifecycle(ctx, `${namePrefix(ctx.scope)}r${i + times.warmup}`);
    if (!keep) continue;
    for (const key of ["create", "stop", "remove"] as const) {
      agent[key].push(a[key]);
      raw[key].push(r[key]);
    }
  }
  const calls = await countedLifecycle(ctx);
  const stepFigure = (key: "stop" | "remove", what: string, rawWhat: string, rawCalls: number) =>
    figure({
      id: `lifecycle.${key}`,
      what,
      unit: "ms",
      value: summarise(agent[key]),
      baseline: { what: rawWhat, value: summarise(raw[key]) },
      note: `${calls[key].length} Engine API calls through the agent (raw: ${rawCalls})`,
      details: { agentCalls: calls[key] },
    });
  const create = summarise(agent.create);
  const rawCreate = summarise(raw.create);
  return [
    figure({
      id: "lifecycle.create",
      what: "create → running (no Tailscale)",
      unit: "ms",
      value: create,
      baseline: { what: "raw volumes + create + start", value: rawCreate },
      target: { text: `≤ ${CREATE_RATIO_TARGET}×`, pass: create.median / rawCreate.median <= CREATE_RATIO_TARGET },
      note: `${calls.create.length} Engine API calls through the agent, its event watcher included (raw: 4); raw has no settings files to write`,
      details: { agentCalls: calls.create },
    }),
    stepFigure("stop", "stop (after the workspace is ready)", "raw stop", 1),
    stepFigure("remove", "remove (stopped workspace)", "raw rm + 2 volume rm", 3),
  ];
}

type Timings = Record<keyof Samples, number>;

async function waitReady(ctx: BenchContext, name: string): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (!(await ctx.api.logs(containerName(name))).includes(READY_LINE)) {
    if (Date.now() > deadline) throw new Error(`${containerName(name)} did not print "${READY_LINE}" within ${READY_TIMEOUT_MS} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function agentLifecycle(ctx: BenchContext, name: string): Promise<Timings> {
  const url = ctx.agent.url;
  const create = await timed(async () => {
    const res = await agentCall<{ workspace: { status: string } }>(url, "POST", `/api/workspaces/${name}/start`, { create: true });
    if (res.workspace.status !== "running") throw new Error(`${name} is ${res.workspace.status} after start`);
  });
  await waitReady(ctx, name);
  const stop = await timed(() => agentCall(url, "POST", `/api/workspaces/${name}/stop`));
  const remove = await timed(() => agentCall(url, "DELETE", `/api/workspaces/${name}`));
  return { create, stop, remove };
}

async function rawLifecycle(ctx: BenchContext, name: string): Promise<Timings> {
  const container = containerName(name);
  const create = await timed(async () => {
    await createRawWorkspace(ctx.api, ctx.scope, name);
    await ctx.api.call("POST", `/containers/${container}/start`);
  });
  await waitReady(ctx, name);
  const stop = await timed(() => ctx.api.call("POST", `/containers/${container}/stop?t=10`));
  const remove = await timed(async () => {
    await ctx.api.call("DELETE", `/containers/${container}?force=1`);
    for (const volume of Object.values(volumeNames(name))) await ctx.api.call("DELETE", `/volumes/${volume}`);
  });
  return { create, stop, remove };
}

// One lifecycle through the counting agent, so each step's Engine API calls can be read in the JSON.
async function countedLifecycle(ctx: BenchContext): Promise<Record<keyof Samples, string[]>> {
  const name = `${namePrefix(ctx.scope)}counted`;
  const { proxy, agent } = ctx.counted;
  const step = async (work: () => Promise<unknown>) => {
    proxy.reset();
    await work();
    return proxy.seen();
  };
  const create = await step(() => agentCall(agent.url, "POST", `/api/workspaces/${name}/start`, { create: true }));
  await waitReady(ctx, name);
  const stop = await step(() => agentCall(agent.url, "POST", `/api/workspaces/${name}/stop`));
  const remove = await step(() => agentCall(agent.url, "DELETE", `/api/workspaces/${name}`));
  return { create, stop, remove };
}
