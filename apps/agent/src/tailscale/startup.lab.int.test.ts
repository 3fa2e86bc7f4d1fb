import { chmodSync, copyFileSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { type Device, type HostNode, type Lab, labSettings, startDevice, startHostNode, startLab } from "@perry/tailnet-lab";
import { createApiClient } from "@perry/api-client";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { type RunningAgent, startAgent } from "../server.js";
import { isolatedEnv } from "../test-support/agent.js";

// The agent rows of the user docs' Behavior Summary, on a host whose tailscaled is a real node of the lab
// tailnet (userspace networking, private socket), with the real tailscale CLI.
const binDir = labSettings().tailscaleBinDir;
const run = Date.now().toString(36);

function agentEnv(root: string, extra: Record<string, string>): NodeJS.ProcessEnv {
  // These tests are about detection and Serve: turn them on (against the lab's host node, never the machine's).
  return isolatedEnv(root, { PERRY_TAILSCALE_SERVE: "1", ...extra });
}

async function runAgent(root: string, extra: Record<string, string>): Promise<{ agent: RunningAgent; lines: string[] }> {
  const lines: string[] = [];
  const agent = await startAgent({ port: 0, env: agentEnv(root, extra), log: (line) => lines.push(line) });
  return { agent, lines };
}

describe("agent startup on a Tailscale host with HTTPS", () => {
  let lab: Lab;
  let host: HostNode;
  let device: Device;
  let root: string;
  const agents: RunningAgent[] = [];

  beforeAll(async () => {
    lab = await startLab({ https: true });
    host = await startHostNode(lab, { hostname: `agent-host-${run}` });
    device = await startDevice(lab, { name: `laptop-${run}` });
    root = mkdtempSync(join(tmpdir(), "perry-agent-ts-"));
  });
  afterEach(async () => {
    for (const agent of agents.splice(0)) await agent.close();
  });
  afterAll(async () => {
    await device?.stop().catch(() => {});
    await host?.stop().catch(() => {});
    await lab?.stop().catch(() => {});
    rmSync(root, { recursive: true, force: true });
  });

  it("logs the documented lines, serves HTTPS via Tailscale Serve, and removes only its own mapping on close", async () => {
    const userMapping = await host.tailscaleCli(["serve", "--bg", "--https=8443", "http://127.0.0.1:9999"]);
    expect(userMapping.exitCode).toBe(0);
    const { agent, lines } = await runAgent(root, { PERRY_TAILSCALE_CLI: join(binDir, "tailscale"), PERRY_TAILSCALE_SOCKET: host.socketPath });
    agents.push(agent);
    const dnsName = `agent-host-${run}.${lab.magicDnsSuffix}`;
    expect(lines).toEqual([
      `[agent] Tailscale detected: ${dnsName}`,
      "[agent] Tailscale Serve enabled",
      `[agent] Agent running at ${agent.url}`,
      `[agent] Tailscale HTTPS: https://${dnsName}`,
    ]);
    const info = await createApiClient({ baseUrl: agent.url }).info();
    expect(info.tailscale).toMatchObject({ state: "running", dnsName, serve: "enabled", httpsUrl: `https://${dnsName}`, httpsEnabled: true });
    expect(info.tailscale.ips[0]).toMatch(/^100\./);

    const serveBefore = await host.tailscaleCli(["serve", "status", "--json"]);
    expect(serveBefore.stdout).toContain(`127.0.0.1:${agent.port}`);
    agents.pop();
    await agent.close();
    const serveAfter = await host.tailscaleCli(["serve", "status", "--json"]);
    expect(serveAfter.stdout).not.toContain(`127.0.0.1:${agent.port}`);
    expect(serveAfter.stdout).toContain("127.0.0.1:9999");
    await host.tailscaleCli(["serve", "--https=8443", "off"]);
  });

  it("without operator permission logs the three documented lines and stays on localhost", async () => {
    const dir = mkdtempSync(join(tmpdir(), "perry-nobody-"));
    try {
      // The real CLI run as an unprivileged user against root's tailscaled: tailscaled refuses Serve.
      // Like /var/run/tailscale, the socket's directory must be reachable for other users.
      chmodSync(dir, 0o755);
      chmodSync(dirname(host.socketPath), 0o755);
      const cli = join(dir, "tailscale");
      copyFileSync(join(binDir, "tailscale"), cli);
      const wrapper = join(dir, "tailscale-as-nobody");
      writeFileSync(wrapper, `#!/bin/sh\nexec runuser -u nobody -- ${cli} "$@"\n`, { mode: 0o755 });
      const { agent, lines } = await runAgent(root, { PERRY_TAILSCALE_CLI: wrapper, PERRY_TAILSCALE_SOCKET: host.socketPath });
      agents.push(agent);
      expect(lines).toEqual([
        `[agent] Tailscale detected: agent-host-${run}.${lab.magicDnsSuffix}`,
        "[agent] Tailscale Serve requires operator permissions",
        "[agent] To enable: Run: sudo tailscale set --operator=$USER",
        "[agent] Continuing without HTTPS...",
        `[agent] Agent running at ${agent.url}`,
      ]);
      const info = await createApiClient({ baseUrl: agent.url }).info();
      expect(info.tailscale).toMatchObject({ state: "running", serve: "denied" });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("is reachable from another device on the tailnet through the host's tailnet address", async () => {
    // Userspace tailscaled forwards tailnet connections to the host's loopback, where the agent listens.
    const { agent } = await runAgent(root, { PERRY_TAILSCALE_CLI: join(binDir, "tailscale"), PERRY_TAILSCALE_SOCKET: host.socketPath, PERRY_AGENT_PORT: "17391" });
    agents.push(agent);
    const status = await host.status();
    const ip = status.Self?.TailscaleIPs?.[0];
    expect(ip).toMatch(/^100\./);
    const res = await device.exec(["curl", "-sS", "--max-time", "10", `http://agent-host-${run}:${agent.port}/api/health`]);
    expect(res.stderr).toBe("");
    expect(JSON.parse(res.stdout)).toMatchObject({ ok: true });
  });
});

describe("agent startup on a Tailscale host without HTTPS", () => {
  let lab: Lab;
  let host: HostNode;
  let root: string;

  beforeAll(async () => {
    lab = await startLab({ https: false });
    host = await startHostNode(lab, { hostname: `plain-host-${run}` });
    root = mkdtempSync(join(tmpdir(), "perry-agent-ts-"));
  });
  afterAll(async () => {
    await host?.stop().catch(() => {});
    await lab?.stop().catch(() => {});
    rmSync(root, { recursive: true, force: true });
  });

  it("says HTTPS is not enabled and tries the host's Tailscale IP instead of Serve", async () => {
    const { agent, lines } = await runAgent(root, { PERRY_TAILSCALE_CLI: join(binDir, "tailscale"), PERRY_TAILSCALE_SOCKET: host.socketPath });
    try {
      expect(lines[0]).toBe(`[agent] Tailscale detected: plain-host-${run}.${lab.magicDnsSuffix}`);
      expect(lines[1]).toBe("[agent] Tailscale HTTPS not enabled in tailnet");
      expect(lines[2]).toBe(`[agent] Agent running at ${agent.url}`);
      // A userspace-networking node has no interface to bind, so the agent says so instead of failing.
      expect(lines[3]).toMatch(/^\[agent\] (Agent accessible via Tailscale IP: http:\/\/100\.|Cannot listen on the Tailscale IP 100\.)/);
      expect(lines.join("\n")).not.toContain("Serve enabled");
      const info = await createApiClient({ baseUrl: agent.url }).info();
      expect(info.tailscale).toMatchObject({ state: "running", httpsEnabled: false, serve: "unavailable" });
    } finally {
      await agent.close();
    }
  });
});

describe("agent startup without Tailscale", () => {
  it("runs on localhost only when the tailscale CLI is not installed", async () => {
    const root = mkdtempSync(join(tmpdir(), "perry-agent-nots-"));
    try {
      const { agent, lines } = await runAgent(root, { PATH: "/nonexistent", PERRY_TAILSCALE_CLI: join(root, "no-tailscale-here") });
      try {
        expect(lines).toEqual([`[agent] Agent running at ${agent.url}`]);
        const info = await createApiClient({ baseUrl: agent.url }).info();
        expect(info.tailscale).toMatchObject({ state: "not-installed", serve: "unavailable" });
      } finally {
        await agent.close();
      }
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it("stays on localhost when tailscaled is not running", async () => {
    const root = mkdtempSync(join(tmpdir(), "perry-agent-nots-"));
    try {
      const { agent, lines } = await runAgent(root, { PERRY_TAILSCALE_CLI: join(binDir, "tailscale"), PERRY_TAILSCALE_SOCKET: join(root, "no-daemon.sock") });
      try {
        expect(lines).toEqual(["[agent] Tailscale is installed but tailscaled is not running; the agent stays on localhost", `[agent] Agent running at ${agent.url}`]);
      } finally {
        await agent.close();
      }
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
