import { describe, expect, it } from "vitest";
import { checkHostnamePrefix, firstLabel, hostnameDrift, MAX_HOSTNAME_LENGTH, workspaceHostname } from "./hostname.js";

describe("workspaceHostname", () => {
  it.each([
    ["", "myproject", "myproject"],
    ["perry-", "myproject", "perry-myproject"],
    ["dev", "1", "dev1"],
    ["", "a".repeat(MAX_HOSTNAME_LENGTH), "a".repeat(MAX_HOSTNAME_LENGTH)],
  ])("joins prefix %j and name %j into %j", (prefix, name, hostname) => {
    expect(workspaceHostname(prefix, name)).toEqual({ hostname });
  });

  it.each([
    ["", "a".repeat(MAX_HOSTNAME_LENGTH + 1), /at most 63/],
    ["perry-", "a".repeat(60), /at most 63/],
    ["Perry-", "x", /not a valid DNS label/],
    ["", "my_project", /not a valid DNS label/],
    ["", "-x", /not a valid DNS label/],
    ["x", "-", /not a valid DNS label/],
  ])("rejects prefix %j with name %j", (prefix, name, reason) => {
    expect(workspaceHostname(prefix, name)).toEqual({ reason: expect.stringMatching(reason) });
  });
});

describe("checkHostnamePrefix", () => {
  it.each(["", "perry-", "dev", "a1-"])("accepts %j", (prefix) => {
    expect(checkHostnamePrefix(prefix)).toBeUndefined();
  });

  it.each([
    ["-perry", /must start with a letter or digit/],
    ["Perry", /may only contain/],
    ["per ry", /may only contain/],
    ["a".repeat(MAX_HOSTNAME_LENGTH), /leave room/],
  ])("rejects %j", (prefix, reason) => {
    expect(checkHostnamePrefix(prefix)).toEqual({ reason: expect.stringMatching(reason) });
  });
});

describe("firstLabel", () => {
  it.each([
    ["myproject-1.tail1234.ts.net.", "myproject-1"],
    ["myproject.tail1234.ts.net", "myproject"],
    ["myproject", "myproject"],
    ["", ""],
  ])("takes %j to %j", (dnsName, label) => {
    expect(firstLabel(dnsName)).toBe(label);
  });
});

describe("hostnameDrift", () => {
  it.each([
    ["myproject", "myproject.tail1234.ts.net.", undefined],
    ["myproject", "myproject-1.tail1234.ts.net.", { actual: "myproject-1" }],
    ["myproject", "", undefined],
  ])("compares requested %j with %j", (requested, dnsName, drift) => {
    expect(hostnameDrift(requested, dnsName)).toEqual(drift);
  });
});
