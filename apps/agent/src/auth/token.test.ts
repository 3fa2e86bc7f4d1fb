import { describe, expect, it } from "vitest";
import { bearerToken, tokenMatches } from "./token.js";

describe("bearer token", () => {
  it.each([
    ["Bearer abc", "abc"],
    ["bearer   abc ", "abc"],
    ["Basic abc", undefined],
    ["Bearer", undefined],
    ["Bearer a b", undefined],
    [undefined, undefined],
  ])("reads %j as %j", (header, token) => {
    expect(bearerToken(header)).toBe(token);
  });

  it("matches only the stored token, whatever the lengths, and never an absent one", () => {
    expect(tokenMatches("perry_x", "perry_x")).toBe(true);
    expect(tokenMatches("perry_x", "perry_y")).toBe(false);
    expect(tokenMatches("perry_x", "perry_xx")).toBe(false);
    expect(tokenMatches("", "")).toBe(false);
    expect(tokenMatches("anything", undefined)).toBe(false);
  });
});
