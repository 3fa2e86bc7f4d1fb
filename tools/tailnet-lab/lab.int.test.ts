import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Device, type HostNode, type Lab, startDevice, startHostNode, startLab } from "./index.js";
import { listLabIds } from "./src/lab.js";

// A tiny HTTP server that every image has: bash answering one request per connection on a tailnet port
// is fiddly, so device B serves text through `tailscale serve` (plain HTTP, no HTTPS feature needed).
const httpGet = (host: string, port: number) => [
  "bash",
  "-c",
  `exec 3<>/dev/tcp/${host}/${port} && printf 'GET / HTTP/1.0\\r\\nHost: ${host}\\r\\n\\r\\n' >&3 && cat <&3`,
];

describe("startLab", () => {
  let lab: Lab | undefined;
  let a: Device | undefined;
  let b: Device | undefined;
  let host: HostNode | undefined;

  beforeAll(async () => {
    lab = await startLab({ ephemeralTimeout: "2s" });
    [a, b] = await Promise.all([startDevice(lab, { name: "lab-a" }), startDevice(lab, { name: "lab-b" })]);
  });

  afterAll(async () => {
    await host?.stop();
    await lab?.stop();
  });

  it("lists both devices as online nodes of the owner", async () => {
    const nodes = await lab!.nodes();
    expect(nodes.map((n) => n.name).sort()).toEqual(["lab-a", "lab-b"]);
    expect(nodes.every((n) => n.online && n.user === "owner@example.com" && !n.ephemeral)).toBe(true);
    expect(b!.dnsName).toBe(`lab-b.${lab!.magicDnsSuffix}.`);
  });

  it("lets device A reach a service on device B by its MagicDNS short name", async () => {
    expect((await b!.tailscale(["serve", "--bg", "--http=8080", "text:hello from lab-b"])).exitCode).toBe(0);
    const res = await a!.exec(httpGet("lab-b", 8080));
    expect(res.stdout).toContain("hello from lab-b");
  });

  it("joins a host tailscaled in userspace mode that sees the devices as peers", async () => {
    host = await startHostNode(lab!, { hostname: "lab-host" });
    const st = await host.status();
    expect(st.BackendState).toBe("Running");
    expect(st.Self?.DNSName).toBe(`lab-host.${lab!.magicDnsSuffix}.`);
    expect(Object.values(st.Peer ?? {}).map((p) => p.HostName).sort()).toEqual(["lab-a", "lab-b"]);
    expect((await host.tailscaleCli(["ping", "-c", "1", "lab-a"])).stdout).toContain("pong from lab-a");
  });

  it("removes a node from its peers' netmaps on tailscale logout", async () => {
    expect((await b!.tailscale(["logout"])).exitCode).toBe(0);
    expect((await lab!.nodes()).map((n) => n.name)).not.toContain("lab-b");
    await expect.poll(async () => Object.values((await a!.status()).Peer ?? {}).map((p) => p.HostName), { timeout: 10_000 }).not.toContain("lab-b");
  });

  it("gives a second user's key its own user and suffixes a duplicate hostname", async () => {
    const key = await lab!.createAuthKey({ user: "bob@example.com" });
    const other = await startHostNode(lab!, { hostname: "lab-a", authKey: key.key });
    try {
      const node = (await lab!.nodes()).find((n) => n.user === "bob@example.com");
      expect(node?.name).toBe("lab-a-1");
      expect((await lab!.users()).map((u) => u.loginName)).toEqual(["owner@example.com", "bob@example.com"]);
    } finally {
      await other.stop();
    }
  });

  it("rejects an unknown auth key", async () => {
    await expect(startHostNode(lab!, { hostname: "intruder", authKey: "tskey-auth-nope" })).rejects.toMatchObject({ code: "TAILSCALE_FAILED" });
  });

  it("removes an ephemeral node once it has been offline for the ephemeral timeout", async () => {
    const key = await lab!.createAuthKey({ ephemeral: true });
    const eph = await startHostNode(lab!, { hostname: "lab-eph", authKey: key.key });
    expect((await lab!.nodes()).find((n) => n.name === "lab-eph")?.ephemeral).toBe(true);
    await eph.stop();
    await expect.poll(async () => (await lab!.nodes()).map((n) => n.name), { timeout: 10_000, interval: 500 }).not.toContain("lab-eph");
  });

  it("deletes a node through the admin API", async () => {
    const node = (await lab!.nodes()).find((n) => n.name === "lab-a");
    await lab!.deleteNode(node!.id);
    expect((await lab!.nodes()).map((n) => n.name)).not.toContain("lab-a");
  });

  it("has no cert domains while HTTPS is off", async () => {
    expect((await a!.status()).CertDomains ?? []).toEqual([]);
  });
});

describe("startLab({ https: true })", () => {
  let lab: Lab | undefined;
  afterAll(async () => {
    const id = lab?.id;
    await lab?.stop();
    if (id) expect(await listLabIds()).not.toContain(id);
  });

  it("gives nodes cert domains and the https capability", async () => {
    lab = await startLab({ https: true });
    const host = await startHostNode(lab, { hostname: "lab-https" });
    try {
      const st = await host.status();
      expect(st.CertDomains).toEqual([`lab-https.${lab.magicDnsSuffix}`]);
      expect(Object.keys(st.Self?.CapMap ?? {})).toContain("https");
    } finally {
      await host.stop();
    }
  });
});
