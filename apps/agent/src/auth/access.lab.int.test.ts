import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { rotateAgentToken } from "@perry/config";
import { type Device, type HostNode, type Lab, labSettings, startDevice, startHostNode, startLab } from "@perry/tailnet-lab";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningAgent, startAgent } from "../server.js";
import { isolatedEnv } from "../test-support/agent.js";

// Who may use the agent, against a real lab tailnet. The host node runs userspace networking (as
// on most servers without root): tailscaled forwards tailnet connections to the host's loopback
// and registers them, so the agent unmasks them with `whois 127.0.0.1:<port>`. Tailscale Serve
// (here a plain-HTTP mapping, as the lab cannot issue certificates) adds X-Forwarded-For, which
// the agent trusts on loopback only. No request header is ever taken as identity.
const binDir = labSettings().tailscaleBinDir;
const run = Date.now().toString(36);
const SERVE_PORT = 8087;

describe("access to the agent from tailnet devices", () => {
  let lab: Lab;
  let host: HostNode;
  let laptop: Device;
  let bobs: Device;
  let workspace: Device;
  let agent: RunningAgent;
  let root: string;
  let hostIp: string;
  const lines: string[] = [];

  beforeAll(async () => {
    lab = await startLab({ https: false });
    const bobKey = await lab.createAuthKey({ user: "bob@example.com" });
    host = await startHostNode(lab, { hostname: `agent-host-${run}` });
    // The workspace node is named like a laptop: the agent must recognise it by its address, not its name.
    [laptop, bobs, workspace] = await Promise.all([
      startDevice(lab, { name: `alice-laptop-${run}` }),
      startDevice(lab, { name: `bob-pc-${run}`, authKey: bobKey.key }),
      startDevice(lab, { name: `alices-macbook-${run}` }),
    ]);
    root = mkdtempSync(join(tmpdir(), "perry-access-lab-"));
    // What a real workspace's entrypoint reports about itself (images/workspace/entrypoint.sh).
    const reportDir = join(root, "state", "workspaces", "myproject");
    mkdirSync(reportDir, { recursive: true });
    writeFileSync(
      join(reportDir, "tailscale.json"),
      JSON.stringify({ state: "Running", hostname: "perry-myproject", dnsName: "perry-myproject.example.", ips: [workspace.ip], updatedAt: new Date().toISOString() }),
    );
    agent = await startAgent({
      port: 0,
      env: isolatedEnv(root, { PERRY_TAILSCALE_SERVE: "1", PERRY_TAILSCALE_CLI: join(binDir, "tailscale"), PERRY_TAILSCALE_SOCKET: host.socketPath }),
      log: (line) => lines.push(line),
    });
    hostIp = (await host.status()).Self?.TailscaleIPs?.[0] ?? "";
    expect((await host.tailscaleCli(["serve", "--bg", `--http=${SERVE_PORT}`, `http://127.0.0.1:${agent.port}`])).exitCode).toBe(0);
  });
  afterAll(async () => {
    await host?.tailscaleCli(["serve", "reset"]).catch(() => {});
    await agent?.close();
    await Promise.all([laptop, bobs, workspace].map((d) => d?.stop().catch(() => {})));
    await host?.stop().catch(() => {});
    await lab?.stop().catch(() => {});
    if (root) rmSync(root, { recursive: true, force: true });
  });

  async function curl(device: Device, url: string, args: string[] = []): Promise<{ status: number; body: { error?: { code: string; message: string } } }> {
    const res = await device.exec(["curl", "-sS", "--max-time", "15", "-w", "\n%{http_code}", ...args, url]);
    const out = res.stdout.trimEnd().split("\n");
    const status = Number(out.pop());
    return { status, body: JSON.parse(out.join("\n") || "{}") };
  }
  const direct = () => `http://${hostIp}:${agent.port}/api/workspaces`;
  const viaServe = () => `http://agent-host-${run}:${SERVE_PORT}/api/workspaces`;

  it("allows the owner's other device, directly and through Serve", async () => {
    expect((await curl(laptop, direct())).status).toBe(200);
    expect((await curl(laptop, viaServe())).status).toBe(200);
  });

  it("refuses a workspace node, by its address although it is named like a laptop, on both paths", async () => {
    for (const url of [direct(), viaServe()]) {
      const res = await curl(workspace, url);
      expect(res.status).toBe(403);
      expect(res.body.error?.message).toMatch(new RegExp(`alices-macbook-${run}.*is one of Perry's workspaces`));
    }
  });

  it("refuses a second user's device and names them, on both paths, even with forged Serve headers", async () => {
    for (const url of [direct(), viaServe()]) {
      const res = await curl(bobs, url, ["-H", "Tailscale-User-Login: alice@example.com", "-H", `X-Forwarded-For: ${laptop.ip}`]);
      expect(res.status).toBe(403);
      expect(res.body.error?.message).toMatch(new RegExp(`^bob@example.com \\(bob-pc-${run}.*\\) may not use this agent`));
    }
    expect(lines.some((l) => l.startsWith("[agent] Refused GET /api/workspaces from bob@example.com"))).toBe(true);
  });

  it("lets the second user in with the agent's token", async () => {
    const token = await rotateAgentToken(join(root, "config"));
    expect((await curl(bobs, direct(), ["-H", `Authorization: Bearer ${token}`])).status).toBe(200);
    expect((await curl(bobs, direct(), ["-H", "Authorization: Bearer perry_wrong"])).status).toBe(401);
    expect(lines.join("\n")).not.toContain(token);
  });

  it("refuses a cross-origin browser POST from the owner's device, and a foreign Host", async () => {
    const res = await curl(laptop, direct(), ["-X", "POST", "-H", "Origin: http://evil.example", "-H", "content-type: application/json", "-d", '{"name":"evil"}']);
    expect(res.status).toBe(403);
    expect(res.body.error?.message).toMatch(/cross-origin POST/);
    expect((await curl(laptop, direct(), ["-H", "Host: evil.example"])).status).toBe(403);
  });
});
