import { describe, expect, it } from "vitest";
import { localTarget, serveDisableArgv, serveEnableArgv, serveStatusArgv, statusArgv, whoisArgv } from "./argv.js";

const socketPath = "/tmp/ts.sock";

describe("argv builders", () => {
  it.each([
    ["status", statusArgv(), ["status", "--json"]],
    ["status on a socket", statusArgv({ socketPath }), ["--socket=/tmp/ts.sock", "status", "--json"]],
    ["serve status", serveStatusArgv({ socketPath }), ["--socket=/tmp/ts.sock", "serve", "status", "--json"]],
    [
      "serve on 443",
      serveEnableArgv({ httpsPort: 443, target: "http://127.0.0.1:7391" }),
      ["serve", "--bg", "--yes", "--https=443", "--set-path=/", "http://127.0.0.1:7391"],
    ],
    [
      "serve on another port and path",
      serveEnableArgv({ socketPath, httpsPort: 8443, target: "http://127.0.0.1:3000", path: "/app" }),
      ["--socket=/tmp/ts.sock", "serve", "--bg", "--yes", "--https=8443", "--set-path=/app", "http://127.0.0.1:3000"],
    ],
    ["serve off", serveDisableArgv({ httpsPort: 443 }), ["serve", "--yes", "--https=443", "--set-path=/", "off"]],
    ["whois", whoisArgv({ socketPath, addr: "100.64.0.2" }), ["--socket=/tmp/ts.sock", "whois", "--json", "100.64.0.2"]],
  ])("builds %s", (_name, argv, expected) => {
    expect(argv).toEqual(expected);
  });

  it("points serve at loopback so the agent need not listen on the tailnet", () => {
    expect(localTarget(7391)).toBe("http://127.0.0.1:7391");
  });
});
