import { setTimeout as sleep } from "node:timers/promises";
import { type Device, type Lab, type LabNode, startDevice, startLab } from "@perry/tailnet-lab";
import { execa } from "execa";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testAgent, uniqueName } from "../test-support/agent.js";
import { httpServer } from "./test-support/http-server.js";

// Issue 7, "Faults": two tailnet faults of a workspace, on a real local tailnet (see workspaces.lab.int.test.ts
// for why the lab runs on Docker's default bridge). Every check is made from another device on the tailnet.
//
// 1. tailscaled inside the workspace is killed: the entrypoint's supervisor restarts it, the node comes back
//    from its state on the volume (no key needed), and the API says what happened (`restarts`, `lastRestart`).
// 2. The control server is unreachable while a workspace starts: `docker pause` freezes it with its in-memory
//    state intact (a restart would forget every node). TCP still connects (the paused container's kernel answers
//    SYNs) but nothing is ever answered, which is what an overloaded or black-holed server looks like.

type TestAgent = Awaited<ReturnType<typeof testAgent>>;
type WorkspaceView = {
  name: string;
  status: string;
  tailscale: {
    state: string;
    dnsName?: string;
    ips: string[];
    error?: string;
    restarts?: number;
    lastRestart?: string;
    updatedAt?: string;
  };
};

const JOIN_TIMEOUT = 60_000;
// The entrypoint's first `tailscale up` gives up after its own timeout; the test allows that plus slack.
const WAITING_TIMEOUT = 90_000;
// After the control server is back: tailscaled's own login retry or the entrypoint's next `tailscale up`.
const REJOIN_TIMEOUT = 90_000;
// The entrypoint's `tailscale up --timeout` (UP_TIMEOUT in images/workspace/entrypoint.sh) plus slack.
const UP_GIVES_UP_TIMEOUT = 90_000;

const docker = (args: string[]) => execa("docker", args, { reject: false });
const seconds = (since: number) => `${((Date.now() - since) / 1000).toFixed(1)} s`;

describe("tailnet faults in a workspace (issue 7)", () => {
  let lab: Lab;
  let laptop: Device;
  let agent: TestAgent;

  async function workspace(name: string): Promise<WorkspaceView | undefined> {
    const res = await agent.request("/api/workspaces");
    expect(res.status).toBe(200);
    return ((await res.json()) as { workspaces: WorkspaceView[] }).workspaces.find((w) => w.name === name);
  }

  /** Polls the API until `accept` holds for the workspace; every distinct tailnet state seen goes to `seen`. */
  async function waitFor(
    name: string,
    what: string,
    accept: (ws: WorkspaceView) => boolean,
    timeout: number,
    seen: string[] = [],
  ): Promise<WorkspaceView> {
    const deadline = Date.now() + timeout;
    for (;;) {
      const ws = await workspace(name);
      const state = ws ? `${ws.status}/${ws.tailscale.state}` : "absent";
      if (seen.at(-1) !== state) seen.push(state);
      if (ws && accept(ws)) return ws;
      if (Date.now() > deadline)
        throw new Error(`${name}: not ${what} within ${timeout} ms; states seen ${seen.join(" → ")}; last: ${JSON.stringify(ws)}`);
      await sleep(250);
    }
  }

  async function start(name: string): Promise<void> {
    const res = await agent.request(`/api/workspaces/${agent.track(name)}/start`, { method: "POST", json: { create: true } });
    expect(res.status, await res.text()).toBeLessThan(300);
  }

  const nodesNamed = async (hostname: string): Promise<LabNode[]> => (await lab.nodes()).filter((n) => n.hostname === hostname);
  const serve = async (name: string) => {
    const r = await docker(["exec", "-d", `workspace-${name}`, ...httpServer(`hello from ${name}`)]);
    expect(r.exitCode, r.stderr).toBe(0);
  };
  const curlFromLaptop = async (host: string) => (await laptop.exec(["curl", "-sS", "--max-time", "5", `http://${host}:3000/`])).stdout;
  const tailscaledPid = async (name: string) => (await docker(["exec", `workspace-${name}`, "pgrep", "-x", "tailscaled"])).stdout.trim();

  beforeAll(async () => {
    lab = await startLab({ network: "bridge" });
    laptop = await startDevice(lab, { name: uniqueName("laptop") });
    agent = await testAgent();
    const res = await agent.request("/api/config", {
      method: "PATCH",
      json: { tailscale: { authKey: (await lab.createAuthKey()).key, loginServer: lab.controlUrl } },
    });
    expect(res.status, await res.text()).toBe(200);
  }, 180_000);

  afterAll(async () => {
    // Unpaused first in case a test failed between pause and unpause: a paused container cannot be removed.
    if (lab) await docker(["unpause", `perry-lab-control-${lab.id}`]);
    await agent?.cleanup().catch(() => undefined);
    await laptop?.stop().catch(() => undefined);
    await lab?.stop().catch(() => undefined);
  });

  it("restarts a killed tailscaled, keeps the node and IP, serves the device again and reports the restart", async () => {
    const name = uniqueName("crash");
    await start(name);
    const before = await waitFor(name, "on the tailnet", (ws) => ws.tailscale.state === "running", JOIN_TIMEOUT);
    expect(before.tailscale.restarts).toBeUndefined();
    const [node] = await nodesNamed(name);
    await serve(name);
    await expect.poll(() => curlFromLaptop(name), { timeout: 20_000 }).toContain(`hello from ${name}`);

    const pid = await tailscaledPid(name);
    expect(pid).toMatch(/^\d+$/);
    const killedAt = Date.now();
    const kill = await docker(["exec", `workspace-${name}`, "kill", "-KILL", pid]);
    expect(kill.exitCode, kill.stderr).toBe(0);

    const seen: string[] = [];
    const after = await waitFor(
      name,
      "back with one restart",
      (ws) => ws.tailscale.state === "running" && ws.tailscale.restarts === 1,
      JOIN_TIMEOUT,
      seen,
    );
    console.log(`[timing] tailscaled killed → running again in the API: ${seconds(killedAt)} (${seen.join(" → ")})`);
    expect(after.status).toBe("running");
    expect(after.tailscale.lastRestart).toMatch(/^tailscaled was killed by signal 9 \(KILL\) at \d{4}-\d\d-\d\dT[\d:]+Z; restarted$/);
    expect(Date.parse(after.tailscale.lastRestart?.match(/at (\S+);/)?.[1] ?? "")).toBeGreaterThanOrEqual(
      Math.floor(killedAt / 1000) * 1000,
    );
    expect(after.tailscale.error).toBeUndefined();
    expect(after.tailscale.ips).toEqual(before.tailscale.ips);
    expect(await tailscaledPid(name)).not.toBe(pid);

    await expect.poll(() => curlFromLaptop(name), { timeout: 30_000 }).toContain(`hello from ${name}`);
    console.log(`[timing] tailscaled killed → device reaches it by name again: ${seconds(killedAt)}`);
    expect((await nodesNamed(name)).map((n) => [n.id, n.ips[0], n.online])).toEqual([[node?.id, node?.ips[0], true]]);
  });

  /**
   * Starts a workspace with the control server paused, waits for "waiting", keeps the server paused until
   * `outageUntil` says so, then unpauses it and checks the workspace joins and serves the device.
   */
  async function startDuringOutage(prefix: string, outageUntil: (name: string) => Promise<void>): Promise<void> {
    const control = `perry-lab-control-${lab.id}`;
    const name = uniqueName(prefix);
    const seen: string[] = [];
    const paused = await docker(["pause", control]);
    expect(paused.exitCode, paused.stderr).toBe(0);
    try {
      const startedAt = Date.now();
      await start(name);
      const waiting = await waitFor(name, "waiting", (ws) => ws.tailscale.state === "waiting", WAITING_TIMEOUT, seen);
      console.log(`[timing] ${prefix}: start with control paused → waiting: ${seconds(startedAt)}`);
      expect(waiting.status).toBe("running");
      expect(waiting.tailscale.ips).toEqual([]);
      expect(waiting.tailscale.error).toMatch(
        new RegExp(`^control server ${lab.controlUrl} is unreachable \\(.+\\): check that the workspace can reach`),
      );
      expect(waiting.tailscale.error).toContain("it keeps retrying");
      await outageUntil(name);
      expect((await workspace(name))?.tailscale.state).toBe("waiting");
    } finally {
      const unpaused = await docker(["unpause", control]);
      expect(unpaused.exitCode, unpaused.stderr).toBe(0);
    }
    const backAt = Date.now();
    const joined = await waitFor(name, "on the tailnet", (ws) => ws.tailscale.state === "running", REJOIN_TIMEOUT, seen);
    console.log(`[timing] ${prefix}: control unpaused → running: ${seconds(backAt)} (${seen.join(" → ")})`);
    expect(joined.tailscale.error).toBeUndefined();
    expect(joined.tailscale.dnsName).toBe(`${name}.${lab.magicDnsSuffix}`);
    expect((await nodesNamed(name)).map((n) => n.name)).toEqual([name]);
    // Logged in, whichever way it happened: the auth key is gone from the workspace.
    const keyFile = () => docker(["exec", `workspace-${name}`, "test", "-e", "/etc/perry/tailscale/authkey"]).then((r) => r.exitCode);
    await expect.poll(keyFile, { timeout: 15_000 }).not.toBe(0);
    await serve(name);
    await expect.poll(() => curlFromLaptop(name), { timeout: 30_000 }).toContain(`hello from ${name}`);
    console.log(`[timing] ${prefix}: control unpaused → device reaches it by name: ${seconds(backAt)}`);
  }

  it("runs a workspace while the control server is unreachable, reports waiting, and joins once it is back", async () => {
    await startDuringOutage("outage", async () => undefined);
  });

  it("keeps retrying after its first `tailscale up` gives up, and joins once the control server is back", async () => {
    await startDuringOutage("long-outage", async (name) => {
      const deadline = Date.now() + UP_GIVES_UP_TIMEOUT;
      const failed = async () => (await docker(["logs", `workspace-${name}`])).stderr.includes("tailscale up failed (retrying");
      while (!(await failed())) {
        if (Date.now() > deadline) throw new Error(`${name}: the first \`tailscale up\` did not give up within ${UP_GIVES_UP_TIMEOUT} ms`);
        await sleep(1000);
      }
    });
  }, 240_000);
});
