import { describe, expect, it } from "vitest";
import { agentNames, contentTypeProblem, hostOf, hostProblem, originProblem } from "./browser.js";

const names = agentNames({ listenHosts: ["127.0.0.1", "100.101.1.2"], dnsName: "box.tail1234.ts.net.", tailnetIps: ["100.101.1.2", "fd7a:115c:a1e0::5"] });

describe("agentNames / hostProblem (DNS rebinding)", () => {
  it.each(["localhost:7391", "127.0.0.1:7391", "[::1]:7391", "box.tail1234.ts.net", "BOX:7391", "100.101.1.2:7391", "[fd7a:115c:a1e0::5]:7391", "box.tail1234.ts.net."])(
    "accepts Host %s",
    (host) => {
      expect(hostProblem(host, names)).toBeUndefined();
    },
  );

  it.each(["evil.example", "evil.example:7391", "127.0.0.1.nip.io:7391", "localhost.evil.example", "[::2]:7391"])("refuses Host %s", (host) => {
    expect(hostProblem(host, names)).toMatch(/does not answer to the name/);
  });

  it("refuses a request without Host and strips ports and brackets for comparison", () => {
    expect(hostProblem(undefined, names)).toMatch(/no Host/);
    expect(hostOf("[::1]:80")).toBe("::1");
    expect(hostOf("Example.COM:8080")).toBe("example.com");
  });
});

describe("originProblem (cross-origin writes and WebSockets)", () => {
  it("lets reads and Origin-less requests (CLI, curl) through", () => {
    expect(originProblem("GET", "http://evil.example", undefined, names)).toBeUndefined();
    expect(originProblem("POST", undefined, undefined, names)).toBeUndefined();
  });

  it.each(["http://localhost:7391", "https://box.tail1234.ts.net", "http://127.0.0.1:5173"])("accepts a POST from the agent's own origin %s", (origin) => {
    expect(originProblem("POST", origin, undefined, names)).toBeUndefined();
  });

  it.each([
    ["POST", "http://evil.example"],
    ["DELETE", "http://evil.example:7391"],
    ["PATCH", "null"],
    ["PUT", "file://"],
    ["post", "http://localhost.evil.example"],
  ])("refuses %s from %s", (method, origin) => {
    expect(originProblem(method, origin, undefined, names)).toMatch(/cross-origin/);
  });

  it("refuses a WebSocket upgrade from another origin, even as GET", () => {
    expect(originProblem("GET", "http://evil.example", "websocket", names)).toMatch(/cross-origin WebSocket/);
    expect(originProblem("GET", "http://localhost:7391", "WebSocket", names)).toBeUndefined();
  });
});

describe("contentTypeProblem", () => {
  const h = (contentType?: string, contentLength?: string) => ({ contentType, contentLength, transferEncoding: undefined });
  it("requires JSON for state-changing requests with a body, and ignores bodiless and GET requests", () => {
    expect(contentTypeProblem("POST", h("application/json; charset=utf-8", "10"))).toBeUndefined();
    expect(contentTypeProblem("POST", h(undefined, "0"))).toBeUndefined();
    expect(contentTypeProblem("GET", h("text/plain", "5"))).toBeUndefined();
    expect(contentTypeProblem("POST", h("text/plain", "5"))).toMatch(/must be JSON/);
    expect(contentTypeProblem("POST", h("application/x-www-form-urlencoded", undefined))).toMatch(/must be JSON/);
    expect(contentTypeProblem("PATCH", h(undefined, "12"))).toMatch(/untyped/);
  });
});
