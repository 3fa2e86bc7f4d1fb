import { describe, expect, it } from "vitest";
import { formatAge } from "./age.js";

const now = new Date("2025-01-10T12:00:00.000Z");

describe("formatAge", () => {
  it.each([
    ["2025-01-10T11:59:15.000Z", "45s"],
    ["2025-01-10T11:55:00.000Z", "5m"],
    ["2025-01-10T09:59:00.000Z", "2h"],
    ["2025-01-09T12:00:01.000Z", "23h"],
    ["2025-01-07T12:00:00.000Z", "3d"],
  ])("shows the age of %s as %s", (since, expected) => {
    expect(formatAge(since, now)).toBe(expected);
  });

  it("shows 0s for clocks that are slightly ahead instead of a negative age", () => {
    expect(formatAge("2025-01-10T12:00:05.000Z", now)).toBe("0s");
  });

  it("shows - for a timestamp it cannot read", () => {
    expect(formatAge("yesterday", now)).toBe("-");
  });
});
