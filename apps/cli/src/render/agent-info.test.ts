import type { AgentInfo } from "@perry/api-client";
import { describe, expect, it } from "vitest";
import { renderAgentInfo } from "./agent-info.js";

const info: AgentInfo = {
  version: "0.1.0",
  hostname: "my-box",
  url: "http://localhost:7391",
  docker: { available: true, version: "20.10.24" },
  tailscale: {
    state: "running",
    dnsName: "my-box.tail-xyz.ts.net",
    ips: ["100.64.0.1", "fd7a:115c:a1e0::1"],
    httpsEnabled: true,
    serve: "enabled",
    httpsUrl: "https://my-box.tail-xyz.ts.net",
  },
  workspaceTailscale: { enabled: true, hostnamePrefix: "perry-", authKey: "tskey-auth-…a1b2", source: "env" },
};

describe("renderAgentInfo", () => {
  it("shows the agent, Docker, the host's tailnet identity and workspace networking", () => {
    const text = renderAgentInfo(info, "http://localhost:7391");
    for (const line of [
      "Agent:                  http://localhost:7391",
      "Docker:                 available (20.10.24)",
      "Tailscale:              running",
      "DNS name:               my-box.tail-xyz.ts.net",
      "Tailnet IPs:            100.64.0.1, fd7a:115c:a1e0::1",
      "HTTPS:                  https://my-box.tail-xyz.ts.net",
      "Workspaces on tailnet:  enabled",
      "Hostname prefix:        perry-",
      "Auth key:               tskey-auth-…a1b2 (from PERRY_TAILSCALE_AUTH_KEY)",
    ]) {
      expect(text).toContain(line);
    }
  });

  it("explains why Docker or Tailscale are not usable and omits the HTTPS URL without Serve", () => {
    const text = renderAgentInfo(
      {
        ...info,
        docker: { available: false, error: "permission denied on /var/run/docker.sock" },
        tailscale: { state: "not-installed", ips: [], httpsEnabled: false, serve: "unavailable" },
        workspaceTailscale: { enabled: false, hostnamePrefix: "", source: "none" },
      },
      "http://localhost:7391",
    );
    expect(text).toContain("Docker:                 unavailable: permission denied on /var/run/docker.sock");
    expect(text).toContain("Tailscale:              not-installed");
    expect(text).not.toContain("HTTPS:");
    expect(text).toContain("Hostname prefix:        (none)");
    expect(text).toContain("Auth key:               not set");
  });
});
