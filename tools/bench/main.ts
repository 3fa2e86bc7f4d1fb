// `pnpm bench`: what users wait for in Perry, each figure next to a raw Docker baseline taken in the same run.
// Flags: see USAGE. Everything the run creates is removed at the end, also on failure or Ctrl+C.
import { randomBytes } from "node:crypto";
import { mkdir, mkdtemp, rm } from "node:fs/promises";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import type { BenchContext } from "./src/context.js";
import { startCountingProxy } from "./src/counting-proxy.js";
import { DOCKER_SOCKET, engine } from "./src/engine.js";
import { removeRun, type RunScope } from "./src/fixtures.js";
import { PERRY_BIN, REPO_ROOT, startAgentProcess, timeNode } from "./src/processes.js";
import { type Figure, machineInfo, renderTable, writeResults } from "./src/report.js";
import { round } from "./src/stats.js";
import { benchLifecycle } from "./src/suites/lifecycle.js";
import { benchList } from "./src/suites/list.js";
import { benchIdleMemory, benchLoadMemory } from "./src/suites/memory.js";
import { benchStartup } from "./src/suites/startup.js";
import { benchTailnet } from "./src/suites/tailnet.js";

const USAGE = `pnpm bench [-- flags]
  --runs N              kept runs of the quick figures (start-up, listings)      [15]
  --warmup N            warm-up runs discarded before them                        [2]
  --sizes A,B,C         workspace counts for the listing figures                  [1,25,100]
  --lifecycle-runs N    create/stop/remove runs (agent and raw each)              [6]
  --tailnet-runs N      create → reachable runs in the lab (one extra warm-up)    [3]
  --idle-seconds N      idle memory sampling                                      [10]
  --load-seconds N      memory while listing every second                         [30]
  --skip LIST           suites to skip: startup,list,memory,lifecycle,tailnet
  --image NAME          workspace image                                           [perry-workspace:latest]
  --out DIR             where the JSON goes                                       [bench-results]`;

const { values: flags } = parseArgs({
  options: {
    runs: { type: "string", default: "15" },
    warmup: { type: "string", default: "2" },
    sizes: { type: "string", default: "1,25,100" },
    "lifecycle-runs": { type: "string", default: "6" },
    "tailnet-runs": { type: "string", default: "3" },
    "idle-seconds": { type: "string", default: "10" },
    "load-seconds": { type: "string", default: "30" },
    skip: { type: "string", default: "" },
    image: { type: "string", default: "perry-workspace:latest" },
    out: { type: "string", default: join(REPO_ROOT, "bench-results") },
    help: { type: "boolean", default: false },
  },
});
if (flags.help) {
  console.log(USAGE);
  process.exit(0);
}
const count = (name: keyof typeof flags, min = 1) => {
  const n = Number(flags[name]);
  if (!Number.isInteger(n) || n < min) throw new Error(`--${name} must be an integer ≥ ${min}`);
  return n;
};
const sizes = String(flags.sizes).split(",").map(Number).sort((a, b) => a - b);
if (sizes.some((n) => !Number.isInteger(n) || n < 1)) throw new Error("--sizes must be positive integers, e.g. 1,25,100");
const skip = new Set(String(flags.skip).split(",").filter(Boolean));
const times = { warmup: count("warmup", 0), runs: count("runs") };
const log = (line: string) => process.stderr.write(`[bench] ${line}\n`);

const api = engine(DOCKER_SOCKET);
const image = String(flags.image);
await api.call("GET", `/images/${image}/json`).catch(() => {
  throw new Error(`image ${image} not found: run \`bash scripts/test-env.sh image\` (pnpm bench does this)`);
});

const root = await mkdtemp(join(tmpdir(), "perry-bench-"));
const scope: RunScope = { id: randomBytes(3).toString("hex"), image, stateDir: join(root, "state") };
const deferred: (() => Promise<unknown>)[] = [];
let cleaning: Promise<void> | undefined;
const cleanup = () => {
  cleaning ??= (async () => {
    for (const fn of deferred.reverse()) await fn().catch((error: unknown) => log(`cleanup: ${String(error)}`));
    const removed = await removeRun(api, scope).catch((error: unknown) => {
      log(`cleanup: ${String(error)}`);
      return 0;
    });
    await rm(root, { recursive: true, force: true });
    log(`cleaned up (${removed} containers of run ${scope.id})`);
  })();
  return cleaning;
};
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    log(`${signal}: cleaning up`);
    void cleanup().finally(() => process.exit(130));
  });
}

const figures: Figure[] = [];
let result: object | undefined;
try {
  await mkdir(scope.stateDir, { recursive: true });
  const agentEnv = {
    PATH: process.env.PATH ?? "",
    HOME: root,
    PERRY_CONFIG_DIR: join(root, "config"),
    PERRY_STATE_DIR: scope.stateDir,
    PERRY_WORKSPACE_IMAGE: image,
    PERRY_TAILSCALE_NO_LOGS: "1",
    // The host's own tailscaled (if any) is not part of what is measured.
    PERRY_TAILSCALE_SERVE: "0",
  };
  log(`run ${scope.id}: starting the agent and a second agent behind a counting Docker proxy`);
  const agent = await startAgentProcess(agentEnv);
  deferred.push(() => agent.stop());
  const proxy = await startCountingProxy(join(root, "docker.sock"), DOCKER_SOCKET);
  deferred.push(() => proxy.close());
  const countedAgent = await startAgentProcess({ ...agentEnv, DOCKER_HOST: `unix://${proxy.socketPath}` });
  deferred.splice(deferred.length - 1, 0, () => countedAgent.stop());
  const cliEnv = { PATH: process.env.PATH ?? "", HOME: root, PERRY_CONFIG_DIR: join(root, "cli-config"), PERRY_AGENT_URL: agent.url };
  const ctx: BenchContext = { api, scope, agent, counted: { agent: countedAgent, proxy }, cliEnv, times, log, defer: (fn) => void deferred.push(fn) };

  const perryVersion = (await timeNode([PERRY_BIN, "--version"], cliEnv)).stdout;
  const machine = await machineInfo(api, perryVersion, REPO_ROOT);
  log(`machine: ${machine.cores} cores, ${machine.memoryGb} GB, load ${machine.loadStart}, ${machine.otherRunningContainers} containers running`);

  if (!skip.has("memory")) figures.push(await benchIdleMemory(ctx, count("idle-seconds")));
  const startup = skip.has("startup") && skip.has("list") ? undefined : await benchStartup(ctx);
  if (startup && !skip.has("startup")) figures.push(...startup.figures);
  if (startup && !skip.has("list")) figures.push(...(await benchList(ctx, sizes, startup)));
  if (!skip.has("memory")) {
    if (skip.has("list")) log("memory: --skip list, so the load figure lists whatever workspaces exist");
    figures.push(await benchLoadMemory(ctx, count("load-seconds"), skip.has("list") ? 0 : Math.max(...sizes)));
    figures.push(await benchIdleMemory(ctx, Math.min(10, count("idle-seconds")), "idle after the load"));
  }
  // The listing fixtures go before the lifecycle runs so they do not weigh on them.
  await removeRun(api, scope);
  if (!skip.has("lifecycle")) figures.push(...(await benchLifecycle(ctx, { warmup: 1, runs: count("lifecycle-runs") })));
  if (!skip.has("tailnet")) figures.push(...(await benchTailnet(ctx, { warmup: 1, runs: count("tailnet-runs") })));

  machine.loadEnd = round(loadavg()[0] ?? 0);
  result = { timestamp: new Date().toISOString(), runId: scope.id, machine, settings: { ...times, sizes, skip: [...skip], image }, figures };
} finally {
  await cleanup();
}

if (result) {
  console.log(renderTable(figures));
  const file = await writeResults(String(flags.out), result as { timestamp: string });
  console.log(`\nresults: ${file}`);
  const missed = figures.filter((f) => f.target && !f.target.pass).length;
  if (missed) console.log(`${missed} figure(s) missed their target`);
}
