import { chmodSync } from "node:fs";
import path from "node:path";
import { type HostNode, type Lab, startHostNode, startLab } from "@perry/tailnet-lab";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTailscaleClient, type TailscaleClient } from "./client.js";
import { cliAsNobody, tailscaleBinDir, tempDir } from "./test-support/tailscaled.js";

// Real tailscale v1.102.5 joined to the lab tailnet (tools/tailnet-lab: testcontrol + DERP in Docker).
const cliPath = path.join(tailscaleBinDir(), "tailscale");
const run = Date.now().toString(36);

async function stopAll(...stops: Array<(() => Promise<void>) | undefined>): Promise<void> {
  for (const stop of stops) await stop?.().catch(() => {});
}

describe("TailscaleClient on a tailnet with HTTPS", () => {
  let lab: Lab;
  let host: HostNode;
  let peer: HostNode;
  let ts: TailscaleClient;
  const tmp = tempDir("perry-ts-lab-");

  beforeAll(async () => {
    lab = await startLab({ https: true });
    host = await startHostNode(lab, { hostname: `perry-host-${run}` });
    peer = await startHostNode(lab, { hostname: `laptop-${run}` });
    ts = createTailscaleClient({ cliPath, socketPath: host.socketPath, timeoutMs: 15_000 });
  });
  afterAll(async () => {
    await stopAll(peer?.stop, host?.stop, lab?.stop);
    tmp.remove();
  });

  it("reports the node running with its MagicDNS name, addresses and HTTPS", async () => {
    const st = await ts.status();
    expect(st).toMatchObject({
      installed: true,
      running: true,
      backendState: "Running",
      dnsName: `perry-host-${run}.${lab.magicDnsSuffix}`,
      hostName: `perry-host-${run}`,
      magicDnsSuffix: lab.magicDnsSuffix,
      httpsEnabled: true,
      certDomains: [`perry-host-${run}.${lab.magicDnsSuffix}`],
      selfUser: { loginName: "owner@example.com" },
    });
    expect(st.ipv4).toMatch(/^100\./);
    expect(st.ipv6).toMatch(/^fd7a:/);
    expect(st.peers).toContainEqual(expect.objectContaining({ hostName: `laptop-${run}`, dnsName: `laptop-${run}.${lab.magicDnsSuffix}` }));
  });

  it("serves the agent over HTTPS, confirms it, and removes only its own mapping", async () => {
    // A user's own mappings, on another port and on another path of the same port.
    expect((await host.tailscaleCli(["serve", "--bg", "--https=8443", "http://127.0.0.1:9999"])).exitCode).toBe(0);
    expect((await host.tailscaleCli(["serve", "--bg", "--https=443", "--set-path=/docs", "http://127.0.0.1:9998"])).exitCode).toBe(0);
    try {
      const { url, handle } = await ts.enableServe({ port: 7391 });
      expect(url).toBe(`https://perry-host-${run}.${lab.magicDnsSuffix}`);
      expect((await ts.serveStatus()).mappings).toContainEqual(expect.objectContaining({ port: 443, path: "/", target: "http://127.0.0.1:7391" }));

      await ts.disableServe(handle);
      const after = (await ts.serveStatus()).mappings.map(({ port, path, target }) => ({ port, path, target }));
      expect(after).toEqual(
        expect.arrayContaining([
          { port: 8443, path: "/", target: "http://127.0.0.1:9999" },
          { port: 443, path: "/docs", target: "http://127.0.0.1:9998" },
        ]),
      );
      expect(after).not.toContainEqual(expect.objectContaining({ port: 443, path: "/" }));
      await ts.disableServe(handle); // a second call finds nothing to remove
    } finally {
      await host.tailscaleCli(["serve", "reset"]);
    }
  });

  it("is idempotent for its own mapping and gives the port number in the URL", async () => {
    try {
      const first = await ts.enableServe({ port: 7391, httpsPort: 10443 });
      const second = await ts.enableServe({ port: 7391, httpsPort: 10443 });
      expect(second).toEqual(first);
      expect(first.url).toBe(`https://perry-host-${run}.${lab.magicDnsSuffix}:10443`);
    } finally {
      await host.tailscaleCli(["serve", "reset"]);
    }
  });

  it("does not replace a mapping someone else put on the port", async () => {
    expect((await host.tailscaleCli(["serve", "--bg", "--https=443", "http://127.0.0.1:9997"])).exitCode).toBe(0);
    try {
      await expect(ts.enableServe({ port: 7391 })).rejects.toMatchObject({ code: "TAILSCALE_FAILED", message: expect.stringContaining("http://127.0.0.1:9997") });
      await ts.disableServe({ httpsPort: 443, path: "/", target: "http://127.0.0.1:7391" });
      expect((await ts.serveStatus()).mappings).toContainEqual(expect.objectContaining({ port: 443, path: "/", target: "http://127.0.0.1:9997" }));
    } finally {
      await host.tailscaleCli(["serve", "reset"]);
    }
  });

  it("reports access denied with the operator remedy when a non-operator user runs serve", async () => {
    chmodSync(host.stateDir, 0o755); // let `nobody` reach the socket; tailscaled itself then refuses the write
    const asNobody = createTailscaleClient({ cliPath: cliAsNobody(tmp.dir), socketPath: host.socketPath, timeoutMs: 15_000 });
    const error = await asNobody.enableServe({ port: 7391 }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "TAILSCALE_ACCESS_DENIED", remedy: "Run: sudo tailscale set --operator=$USER" });
    expect((error as Error).message).toContain("Access denied: serve config denied");
  });

  it("tells who is behind a peer's address", async () => {
    const peerIp = (await peer.status()).Self?.TailscaleIPs?.[0] ?? "";
    expect(await ts.whois(peerIp)).toMatchObject({
      nodeName: `laptop-${run}.${lab.magicDnsSuffix}`,
      userLoginName: "owner@example.com",
      tags: [],
      nodeId: expect.any(String),
    });
    expect(await ts.whois("100.100.100.1")).toBeUndefined();
  });
});

describe("TailscaleClient on a tailnet without HTTPS", () => {
  let lab: Lab;
  let host: HostNode;

  beforeAll(async () => {
    lab = await startLab({ https: false });
    host = await startHostNode(lab, { hostname: `perry-plain-${run}` });
  });
  afterAll(() => stopAll(host?.stop, lab?.stop));

  it("reports HTTPS off and refuses to enable serve", async () => {
    const ts = createTailscaleClient({ cliPath, socketPath: host.socketPath, timeoutMs: 15_000 });
    expect(await ts.status()).toMatchObject({ backendState: "Running", httpsEnabled: false, certDomains: [] });
    await expect(ts.enableServe({ port: 7391 })).rejects.toMatchObject({
      code: "TAILSCALE_HTTPS_DISABLED",
      remedy: "Enable HTTPS certificates in your Tailscale DNS settings.",
    });
    expect((await ts.serveStatus()).mappings).toEqual([]);
  });
});
