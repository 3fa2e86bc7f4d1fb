import { describe, expect, it } from "vitest";
import { repeat, summarise } from "./stats.js";

describe("summarise", () => {
  it.each([
    [[5], { median: 5, p95: 5 }],
    [[1, 2, 3, 4], { median: 2.5, p95: 4 }],
    [Array.from({ length: 20 }, (_, i) => i + 1), { median: 10.5, p95: 19 }],
    [[30, 10, 20], { median: 20, p95: 30 }],
  ])("gives median and nearest-rank p95 of %j", (samples, expected) => {
    expect(summarise(samples)).toMatchObject(expected);
  });

  it("refuses an empty list instead of reporting 0", () => {
    expect(() => summarise([])).toThrow(/no samples/);
  });
});

describe("repeat", () => {
  it("drops the warm-up runs and keeps the rest", async () => {
    const seen: number[] = [];
    const summary = await repeat({ warmup: 2, runs: 3 }, async (i) => {
      seen.push(i);
      return i < 0 ? 1000 : i + 1;
    });
    expect(seen).toEqual([-1, -2, 0, 1, 2]);
    expect(summary).toMatchObject({ n: 3, median: 2, max: 3 });
  });
});
