// Listing at several sizes: `perry list` as a process and GET /api/workspaces, each against the raw
// label-filtered Engine API list, plus the number of Engine API calls the agent makes per listing.
import { fileURLToPath } from "node:url";
import { agentCall } from "../agent-api.js";
import { type BenchContext, settle } from "../context.js";
import { growFixtures } from "../fixtures.js";
import { PERRY_BIN, timeNode } from "../processes.js";
import { figure, type Figure } from "../report.js";
import { interleave, round, type Summary, summarise, timed } from "../stats.js";

const RAW_LIST_SCRIPT = fileURLToPath(new URL("../raw-list.mjs", import.meta.url));
// Listings through the counting agent per size; every one should cost the same.
const COUNTED_LISTINGS = 5;

/** Ratio the issue allows over the baseline at the largest size. */
const LIST_RATIO_TARGET = 1.5;

/** Figures for `sizes` (ascending); the targets apply at the largest. `startup` gives the start-up summaries. */
export async function benchList(ctx: BenchContext, sizes: readonly number[], startup: { node: Summary; perry: Summary }): Promise<Figure[]> {
  const figures: Figure[] = [];
  const largest = Math.max(...sizes);
  let have = 0;
  let callsAtFirst: number | undefined;
  for (const size of sizes) {
    ctx.log(`list: creating workspaces up to ${size}`);
    await growFixtures(ctx.api, ctx.scope, have, size);
    have = size;
    await settle(ctx);
    const listed = (await ctx.api.listWorkspaces()).length;
    const cliListed = (JSON.parse((await timeNode([PERRY_BIN, "list", "--json"], ctx.cliEnv)).stdout) as { workspaces: unknown[] }).workspaces.length;
    ctx.log(`list: ${size} bench workspaces (${listed} managed containers on the engine, perry list shows ${cliListed})`);

    const s = await interleave(ctx.times, {
      raw: () => timed(() => ctx.api.listWorkspaces()),
      api: () => timed(() => agentCall(ctx.agent.url, "GET", "/api/workspaces")),
      rawProcess: async () => (await timeNode([RAW_LIST_SCRIPT], ctx.cliEnv)).ms,
      cli: async () => (await timeNode([PERRY_BIN, "list"], ctx.cliEnv)).ms,
    });

    const calls = await countListingCalls(ctx);
    callsAtFirst ??= calls.fewest;
    const atTarget = size === largest;
    // "The raw list call plus the CLI's start-up": the raw process minus bare Node start, plus `perry --version`.
    const derived = shift(s.rawProcess, startup.perry.median - startup.node.median);
    const cliRatio = s.cli.median / derived.median;
    const apiRatio = s.api.median / s.raw.median;
    const scope = `${size} workspaces`;
    const details = { benchWorkspaces: size, listedByEngine: listed, listedByCli: cliListed, state: "created (never started)" };
    figures.push(
      figure({
        id: `list.cli.${size}`,
        what: `perry list (${scope})`,
        unit: "ms",
        value: s.cli,
        baseline: { what: "raw list + CLI start-up", value: derived },
        ...(atTarget ? { target: { text: `≤ ${LIST_RATIO_TARGET}×`, pass: cliRatio <= LIST_RATIO_TARGET } } : {}),
        note: `raw list process ${s.rawProcess.median} / ${s.rawProcess.p95} ms; baseline = raw process − node -e 0 + perry --version`,
        details: { ...details, rawListProcess: s.rawProcess },
      }),
      figure({
        id: `list.api.${size}`,
        what: `GET /api/workspaces (${scope})`,
        unit: "ms",
        value: s.api,
        baseline: { what: "raw Engine API list", value: s.raw },
        ...(atTarget ? { target: { text: `≤ ${LIST_RATIO_TARGET}×`, pass: apiRatio <= LIST_RATIO_TARGET } } : {}),
        details,
      }),
      figure({
        id: `list.calls.${size}`,
        what: `Docker calls per listing (${scope})`,
        unit: "calls",
        value: calls.perListing,
        baseline: { what: "raw", value: summarise([1]) },
        target: { text: "no growth", pass: calls.fewest === callsAtFirst },
        details: { fewest: calls.fewest, requestsOfFewest: calls.requests },
      }),
    );
  }
  return figures;
}

// Listings through the counting agent, one at a time; the proxy records every Engine API request. Other
// people's containers changing meanwhile make the agent call Docker too (it follows events), so noise can
// only add calls: the fewest seen is the listing's own cost, and its requests are kept as evidence.
async function countListingCalls(ctx: BenchContext): Promise<{ perListing: Summary; fewest: number; requests: string[] }> {
  const counts: number[] = [];
  let requests: string[] | undefined;
  await settle(ctx, 300);
  for (let i = 0; i < COUNTED_LISTINGS; i++) {
    ctx.counted.proxy.reset();
    await agentCall(ctx.counted.agent.url, "GET", "/api/workspaces");
    const seen = ctx.counted.proxy.seen();
    counts.push(seen.length);
    if (!requests || seen.length < requests.length) requests = seen;
  }
  return { perListing: summarise(counts), fewest: Math.min(...counts), requests: requests ?? [] };
}

function shift(s: Summary, by: number): Summary {
  return { n: s.n, median: round(s.median + by), p95: round(s.p95 + by), min: round(s.min + by), max: round(s.max + by) };
}
