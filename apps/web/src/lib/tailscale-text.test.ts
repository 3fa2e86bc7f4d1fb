import { describe, expect, it } from "vitest";
import type { WorkspaceTailscale } from "./api.js";
import { summarizeTailscale } from "./tailscale-text.js";

const base: WorkspaceTailscale = { state: "running", ips: ["100.64.0.7"], online: true, hostname: "perry-web" };

describe("summarizeTailscale", () => {
  it("names the host when running", () => {
    expect(summarizeTailscale(base)).toMatchObject({ text: "perry-web", host: "perry-web", tone: "ok" });
  });

  it("uses the name the tailnet gave and says it drifted", () => {
    const summary = summarizeTailscale({ ...base, actualHostname: "perry-web-1" });
    expect(summary.host).toBe("perry-web-1");
    expect(summary.detail).toContain("Asked for perry-web");
  });

  it("passes the agent's reason along for failures", () => {
    const summary = summarizeTailscale({ state: "needs-login", ips: [], online: false, error: "The key expired; generate a new one." });
    expect(summary).toMatchObject({ text: "auth key refused or expired", detail: "The key expired; generate a new one.", tone: "error" });
  });
});
