// CLI start-up alone: `perry --version` against `node -e 0`.
import type { BenchContext } from "../context.js";
import { PERRY_BIN, timeNode } from "../processes.js";
import { figure, type Figure } from "../report.js";
import { interleave, type Summary } from "../stats.js";

/** Start-up figures, plus the two summaries the `perry list` target is computed from. */
export interface StartupResult {
  figures: Figure[];
  node: Summary;
  perry: Summary;
}

/** Times `node -e 0` and `perry --version` as whole processes, interleaved. */
export async function benchStartup(ctx: BenchContext): Promise<StartupResult> {
  ctx.log("start-up: node -e 0 vs perry --version");
  const s = await interleave(ctx.times, {
    node: async () => (await timeNode(["-e", "0"], ctx.cliEnv)).ms,
    perry: async () => (await timeNode([PERRY_BIN, "--version"], ctx.cliEnv)).ms,
  });
  const fig = figure({
    id: "startup.cli",
    what: "perry --version (CLI start-up)",
    unit: "ms",
    value: s.perry,
    baseline: { what: "node -e 0", value: s.node },
    target: { text: "≤ 150 ms median", pass: s.perry.median <= 150 },
  });
  return { figures: [fig], node: s.node, perry: s.perry };
}
