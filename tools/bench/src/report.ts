// The bench's output: one table on stdout and one JSON file that later runs can be compared with.
import { execFileSync } from "node:child_process";
import { mkdir, writeFile } from "node:fs/promises";
import { cpus, loadavg, release, totalmem } from "node:os";
import { join } from "node:path";
import type { Engine } from "./engine.js";
import { round, type Summary } from "./stats.js";

/** One figure of the run, with its baseline, ratio and target when it has them. */
export interface Figure {
  /** Stable key for comparing runs, e.g. "list.cli.100". */
  id: string;
  what: string;
  unit: "ms" | "MB" | "calls";
  /** Undefined when the figure could not be measured (`note` says why). */
  value?: Summary;
  baseline?: { what: string; value: Summary };
  /** value.median / baseline.median. */
  ratio?: number;
  target?: { text: string; pass: boolean };
  note?: string;
  /** Extra facts for the JSON only (sample sizes, which requests were seen, …). */
  details?: Record<string, unknown>;
}

/** Builds a figure; the ratio is computed from the medians when there is a baseline. */
export function figure(f: Omit<Figure, "ratio">): Figure {
  const ratio = f.value && f.baseline && f.baseline.value.median > 0 ? Math.round((f.value.median / f.baseline.value.median) * 100) / 100 : undefined;
  return { ...f, ...(ratio !== undefined ? { ratio } : {}) };
}

/** Where and on what the run happened. */
export interface MachineInfo {
  cores: number;
  cpu: string;
  memoryGb: number;
  kernel: string;
  docker: string;
  dockerApi: string;
  node: string;
  perry: string;
  commit: string;
  /** 1-minute load average at the start and end: a high one means other work shared the machine. */
  loadStart: number;
  loadEnd?: number;
  /** Containers running on the engine when the run started (other people's tests make figures noisy). */
  otherRunningContainers: number;
}

/** Collects machine and version facts; `perry` is the output of `perry --version`. */
export async function machineInfo(api: Engine, perry: string, repoRoot: string): Promise<MachineInfo> {
  const version = await api.call<{ Version: string; ApiVersion: string }>("GET", "/version");
  const running = await api.call<unknown[]>("GET", "/containers/json");
  let commit = "unknown";
  try {
    commit = execFileSync("git", ["-C", repoRoot, "rev-parse", "--short", "HEAD"], { encoding: "utf8" }).trim();
    if (execFileSync("git", ["-C", repoRoot, "status", "--porcelain"], { encoding: "utf8" }).trim()) commit += "+dirty";
  } catch {
    // Not a git checkout: the version string still identifies the build.
  }
  return {
    cores: cpus().length,
    cpu: cpus()[0]?.model ?? "unknown",
    memoryGb: round(totalmem() / 1024 ** 3),
    kernel: release(),
    docker: version.Version,
    dockerApi: version.ApiVersion,
    node: process.version,
    perry: perry.trim(),
    commit,
    loadStart: round(loadavg()[0] ?? 0),
    otherRunningContainers: running.length,
  };
}

/** The figures as a fixed-width table. */
export function renderTable(figures: readonly Figure[]): string {
  const num = (s: Summary | undefined, unit: string) => (s ? `${s.median} / ${s.p95} ${unit}` : "—");
  const rows = figures.map((f) => [
    f.what,
    f.value ? num(f.value, f.unit) : "not measured",
    f.baseline ? `${f.baseline.what}: ${num(f.baseline.value, f.unit)}` : "",
    f.ratio !== undefined ? `${f.ratio}×` : "",
    f.target?.text ?? "",
    f.target ? (f.target.pass ? "pass" : "MISS") : "",
  ]);
  const header = ["figure", "median / p95", "baseline (median / p95)", "ratio", "target", "result"];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] as string).length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i] as number)).join("  ").trimEnd();
  const notes = figures.filter((f) => f.note).map((f) => `  ${f.what}: ${f.note}`);
  return [line(header), line(widths.map((w) => "-".repeat(w))), ...rows.map(line), ...(notes.length ? ["", "notes:", ...notes] : [])].join("\n");
}

/** Writes `bench-results/bench-<timestamp>.json` and `latest.json`; returns the first path. */
export async function writeResults(dir: string, result: object & { timestamp: string }): Promise<string> {
  await mkdir(dir, { recursive: true });
  const file = join(dir, `bench-${result.timestamp.replace(/[:.]/g, "-")}.json`);
  const text = `${JSON.stringify(result, null, 2)}\n`;
  await writeFile(file, text);
  await writeFile(join(dir, "latest.json"), text);
  return file;
}
