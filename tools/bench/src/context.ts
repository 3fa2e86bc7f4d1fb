// What every suite gets: the raw engine, the run's scope, the agents and the repetition counts.
import type { AgentProcess } from "./processes.js";
import type { CountingProxy } from "./counting-proxy.js";
import type { Engine } from "./engine.js";
import type { RunScope } from "./fixtures.js";
import type { Repeat } from "./stats.js";

/** Shared state of one bench run. */
export interface BenchContext {
  api: Engine;
  scope: RunScope;
  /** The agent that is timed: talks to the Docker socket directly. */
  agent: AgentProcess;
  /** A second agent whose Docker socket is the counting proxy: only used to count Engine API calls. */
  counted: { agent: AgentProcess; proxy: CountingProxy };
  /** Environment for `perry` commands (points at the timed agent, temp HOME). */
  cliEnv: NodeJS.ProcessEnv;
  /** Warm-up and kept runs for the quick figures (process starts, listings). */
  times: Repeat;
  log(line: string): void;
  /** Registers cleanup that must also run on Ctrl+C (e.g. removing the lab). */
  defer(cleanup: () => Promise<unknown>): void;
}

/** Waits until the counting agent has made no Engine API call for `quietMs` (it reacts to Docker events). */
export async function settle(ctx: BenchContext, quietMs = 1_000, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = -1;
  while (Date.now() < deadline) {
    const now = ctx.counted.proxy.seen().length;
    if (now === last) return;
    last = now;
    await new Promise((resolve) => setTimeout(resolve, quietMs));
  }
}
