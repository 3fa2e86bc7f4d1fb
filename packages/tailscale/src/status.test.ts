import * as v from "valibot";
import { describe, expect, it } from "vitest";
import { StatusJson } from "./schemas.js";
import { toTailscaleStatus } from "./status.js";
import { readFixture } from "./test-support/fixtures.js";

const parse = (name: string) => toTailscaleStatus(v.parse(StatusJson, JSON.parse(readFixture(name))));

describe("toTailscaleStatus", () => {
  it("reports a logged-out daemon as running but without names or addresses", () => {
    expect(parse("status-needs-login.json")).toEqual({
      installed: true,
      running: true,
      backendState: "NeedsLogin",
      dnsName: undefined,
      hostName: "vm",
      magicDnsSuffix: undefined,
      tailnetName: undefined,
      ipv4: undefined,
      ipv6: undefined,
      httpsEnabled: false,
      certDomains: [],
      health: ["Tailscale is stopped."],
      selfUser: undefined,
      peers: [],
    });
  });

  it("reads names, addresses, HTTPS and peers of a running node", () => {
    expect(parse("status-running.json")).toMatchObject({
      installed: true,
      running: true,
      backendState: "Running",
      dnsName: "perry-host.tail-lab.ts.net",
      hostName: "perry-host",
      magicDnsSuffix: "tail-lab.ts.net",
      tailnetName: "tail-lab.ts.net",
      ipv4: "100.64.0.1",
      ipv6: "fd7a:115c:a1e0:ab12:4843:cd96:6240:1",
      httpsEnabled: true,
      certDomains: ["perry-host.tail-lab.ts.net"],
      health: [],
      selfUser: { id: 1, loginName: "owner@example.com" },
      peers: [
        {
          hostName: "peer-laptop",
          dnsName: "peer-laptop.tail-lab.ts.net",
          ips: ["100.64.0.2", "fd7a:115c:a1e0:ab12:4843:cd96:6240:2"],
          online: true,
          userId: 1,
          tags: [],
          os: "linux",
        },
      ],
    });
  });

  it("reports HTTPS off when the tailnet issues no certificates", () => {
    expect(parse("status-running-no-https.json")).toMatchObject({ backendState: "Running", httpsEnabled: false, certDomains: [] });
  });

  it("tolerates fields it does not know", () => {
    const json = { ...JSON.parse(readFixture("status-needs-login.json")), SomeFutureField: { x: 1 } };
    expect(toTailscaleStatus(v.parse(StatusJson, json)).backendState).toBe("NeedsLogin");
  });
});
