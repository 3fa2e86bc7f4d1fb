// Summaries of repeated timings: median and p95 (nearest rank), the figures the issue asks for.

/** One measured figure: milliseconds (or MB for memory) over `n` runs. */
export interface Summary {
  n: number;
  median: number;
  p95: number;
  min: number;
  max: number;
}

/** Median, p95 (nearest rank), min and max of `samples`; throws on an empty list so a missing figure is never 0. */
export function summarise(samples: readonly number[]): Summary {
  if (samples.length === 0) throw new Error("no samples to summarise");
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] as number;
  const mid = sorted.length / 2;
  const median = sorted.length % 2 ? (sorted[Math.floor(mid)] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
  return { n: sorted.length, median: round(median), p95: round(at(0.95)), min: round(sorted[0] as number), max: round(sorted[sorted.length - 1] as number) };
}

/** How many runs to throw away and how many to keep. */
export interface Repeat {
  warmup: number;
  runs: number;
}

/** Runs `once` warmup + runs times and summarises the kept durations (ms) that `once` returns. */
export async function repeat(times: Repeat, once: (index: number) => Promise<number>): Promise<Summary> {
  for (let i = 0; i < times.warmup; i++) await once(-1 - i);
  const samples: number[] = [];
  for (let i = 0; i < times.runs; i++) samples.push(await once(i));
  return summarise(samples);
}

/** Wall-clock milliseconds of `work`. */
export async function timed(work: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await work();
  return performance.now() - start;
}

/** Rounds to 0.1 (ms or MB): finer digits are noise on a shared machine. */
export function round(value: number): number {
  return Math.round(value * 10) / 10;
}

/**
 * Runs every probe once per iteration (warm-up iterations discarded) and summarises each: figure and
 * baseline are then taken side by side, so a noisy neighbour hits both alike.
 */
export async function interleave<K extends string>(times: Repeat, probes: Record<K, () => Promise<number>>): Promise<Record<K, Summary>> {
  const keys = Object.keys(probes) as K[];
  const samples = Object.fromEntries(keys.map((k) => [k, [] as number[]])) as Record<K, number[]>;
  for (let i = -times.warmup; i < times.runs; i++) {
    for (const key of keys) {
      const ms = await probes[key]();
      if (i >= 0) samples[key].push(ms);
    }
  }
  return Object.fromEntries(keys.map((k) => [k, summarise(samples[k])])) as Record<K, Summary>;
}
