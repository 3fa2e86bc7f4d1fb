// The agent's resident memory (VmRSS of the `perry agent run` process): idle, and while a client lists
// every second.
import { agentCall } from "../agent-api.js";
import type { BenchContext } from "../context.js";
import { figure, type Figure } from "../report.js";
import { round, summarise } from "../stats.js";

const IDLE_TARGET_MB = 80;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Samples RSS once a second for `seconds` while the agent does nothing. */
export async function benchIdleMemory(ctx: BenchContext, seconds: number, label = "idle"): Promise<Figure> {
  ctx.log(`memory: ${label} for ${seconds} s`);
  const samples: number[] = [];
  for (let i = 0; i < seconds; i++) {
    await sleep(1_000);
    samples.push(round(await ctx.agent.rssMb()));
  }
  const value = summarise(samples);
  return figure({
    id: `memory.${label === "idle" ? "idle" : "idle-after-load"}`,
    what: `agent RSS, ${label}`,
    unit: "MB",
    value,
    ...(label === "idle" ? { target: { text: `≤ ${IDLE_TARGET_MB} MB`, pass: value.median <= IDLE_TARGET_MB } } : {}),
    note: `max ${value.max} MB; sampled every second`,
    details: { samples },
  });
}

/** Lists every second for `seconds` and samples RSS after each listing; reports median and max. */
export async function benchLoadMemory(ctx: BenchContext, seconds: number, workspaces: number): Promise<Figure> {
  ctx.log(`memory: listing ${workspaces} workspaces every second for ${seconds} s`);
  const samples: number[] = [];
  for (let i = 0; i < seconds; i++) {
    const started = Date.now();
    await agentCall(ctx.agent.url, "GET", "/api/workspaces");
    samples.push(round(await ctx.agent.rssMb()));
    await sleep(Math.max(0, 1_000 - (Date.now() - started)));
  }
  const value = summarise(samples);
  return figure({
    id: "memory.listing",
    what: `agent RSS, listing ${workspaces} workspaces every 1 s`,
    unit: "MB",
    value,
    note: `max ${value.max} MB; sampled after each listing`,
    details: { samples },
  });
}
