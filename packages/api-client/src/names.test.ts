import { describe, expect, it } from "vitest";
import { checkWorkspaceName, suggestWorkspaceName } from "./names.js";

describe("checkWorkspaceName", () => {
  it.each(["a", "myproject", "my-project-2", "0abc", "a".repeat(63)])("accepts %s", (name) => {
    expect(checkWorkspaceName(name)).toBeUndefined();
  });

  it.each([
    ["", undefined],
    ["My_Project", "my-project"],
    ["-leading", "leading"],
    ["trailing-", "trailing"],
    ["a".repeat(64), "a".repeat(63)],
    ["has space", "has-space"],
    ["dots.in.name", "dots-in-name"],
    ["!!!", undefined],
  ])("refuses %j, stating the rule and suggesting %j", (name, suggestion) => {
    const problem = checkWorkspaceName(name);
    expect(problem?.message).toContain("1–63 characters of a-z, 0-9 and -");
    expect(problem?.suggestion).toBe(suggestion);
  });

  it("never echoes a huge name in full", () => {
    const problem = checkWorkspaceName("X".repeat(10_000));
    expect(problem?.message.length).toBeLessThan(200);
  });
});

describe("suggestWorkspaceName", () => {
  it("keeps a valid name as it is", () => {
    expect(suggestWorkspaceName("demo")).toBe("demo");
  });
});
