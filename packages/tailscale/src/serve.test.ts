import * as v from "valibot";
import { describe, expect, it } from "vitest";
import { ServeConfigJson } from "./schemas.js";
import { findMapping, toServeStatus } from "./serve.js";
import { readFixture } from "./test-support/fixtures.js";

const parse = (name: string) => toServeStatus(v.parse(ServeConfigJson, JSON.parse(readFixture(name))));

describe("toServeStatus", () => {
  it("flattens every host, port and path of a real serve config", () => {
    expect(parse("serve-status.json")).toEqual({
      mappings: [
        { host: "perry-host.tail-lab.ts.net", port: 443, path: "/", target: "http://127.0.0.1:7391" },
        { host: "perry-host.tail-lab.ts.net", port: 443, path: "/docs", target: "http://127.0.0.1:9998" },
        { host: "perry-host.tail-lab.ts.net", port: 8443, path: "/", target: "http://127.0.0.1:9999" },
      ],
      tcpForwards: {},
    });
  });

  it("reads `{}` as nothing served", () => {
    expect(parse("serve-status-empty.json")).toEqual({ mappings: [], tcpForwards: {} });
  });

  it.each([
    [{ Handlers: { "/": { Path: "/srv" } } }, "path:/srv"],
    [{ Handlers: { "/": { Text: "hi" } } }, "text:hi"],
    [{ Handlers: { "/": { Redirect: "https://x" } } }, "redirect:https://x"],
  ])("names non-proxy handlers %j as %s", (web, target) => {
    expect(toServeStatus(v.parse(ServeConfigJson, { Web: { "h.ts.net:443": web } })).mappings[0]?.target).toBe(target);
  });

  it("lists raw TCP forwards", () => {
    expect(toServeStatus(v.parse(ServeConfigJson, { TCP: { "2222": { TCPForward: "127.0.0.1:22" }, "443": { HTTPS: true } } })).tcpForwards).toEqual({ "2222": "127.0.0.1:22" });
  });
});

describe("findMapping", () => {
  it.each([
    [443, "/", "http://127.0.0.1:7391"],
    [443, "/docs", "http://127.0.0.1:9998"],
    [8443, "/", "http://127.0.0.1:9999"],
    [8443, "/docs", undefined],
    [444, "/", undefined],
  ])("finds port %d path %s → %s", (port, path, target) => {
    expect(findMapping(parse("serve-status.json"), port, path)?.target).toBe(target);
  });
});
