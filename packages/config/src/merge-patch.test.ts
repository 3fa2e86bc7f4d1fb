import { describe, expect, it } from "vitest";
import { applyMergePatch } from "./merge-patch.js";

describe("applyMergePatch", () => {
  it.each([
    { target: { a: 1, b: { c: 2, d: 3 } }, patch: { b: { c: 9 } }, want: { a: 1, b: { c: 9, d: 3 } } },
    { target: { a: 1, b: 2 }, patch: { b: null }, want: { a: 1 } },
    { target: { tags: ["x", "y"] }, patch: { tags: ["z"] }, want: { tags: ["z"] } },
    { target: { a: "s" }, patch: { a: { b: 1 } }, want: { a: { b: 1 } } },
    { target: { a: 1 }, patch: { a: undefined }, want: { a: 1 } },
  ])("patches $target with $patch", ({ target, patch, want }) => {
    expect(applyMergePatch(target, patch)).toEqual(want);
  });
});
