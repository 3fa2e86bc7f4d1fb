import * as v from "valibot";
import { describe, expect, it } from "vitest";
import { WhoIsJson } from "./schemas.js";
import { readFixture } from "./test-support/fixtures.js";
import { toWhois } from "./whois.js";

describe("toWhois", () => {
  it("takes node and owner from real `tailscale whois --json` output", () => {
    expect(toWhois(v.parse(WhoIsJson, JSON.parse(readFixture("whois.json"))))).toEqual({
      nodeName: "peer-laptop.tail-lab.ts.net",
      nodeId: "TESTCTRL00000002",
      userId: 1,
      userLoginName: "owner@example.com",
      tags: [],
    });
  });

  it("keeps the tags of a tagged node", () => {
    const json = JSON.parse(readFixture("whois.json"));
    json.Node.Tags = ["tag:perry-workspace"];
    expect(toWhois(v.parse(WhoIsJson, json)).tags).toEqual(["tag:perry-workspace"]);
  });
});
