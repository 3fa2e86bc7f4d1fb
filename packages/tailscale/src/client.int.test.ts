import path from "node:path";
import { execa } from "execa";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTailscaleClient } from "./client.js";
import { TailscaleError } from "./errors.js";
import { hangingSocket } from "./test-support/hanging-socket.js";
import { type PrivateTailscaled, startTailscaled, tailscaleBinDir, tempDir } from "./test-support/tailscaled.js";

// Real tailscale v1.102.5 against a private, logged-out tailscaled (no control server needed).
const binDir = tailscaleBinDir();
const cliPath = path.join(binDir, "tailscale");
const tmp = tempDir("perry-ts-int-");
let daemon: PrivateTailscaled;

beforeAll(async () => {
  daemon = await startTailscaled(tmp.dir, binDir);
});
afterAll(async () => {
  await daemon?.stop();
  tmp.remove();
});

describe("TailscaleClient against a logged-out tailscaled", () => {
  it("reports the daemon as running and waiting for login", async () => {
    const st = await createTailscaleClient({ cliPath, socketPath: daemon.socketPath }).status();
    expect(st).toMatchObject({ installed: true, running: true, httpsEnabled: false, certDomains: [], peers: [] });
    expect(["NeedsLogin", "NoState"]).toContain(st.backendState);
    expect(st.dnsName).toBeUndefined();
    expect(st.error).toBeUndefined();
  });

  it("refuses to enable serve before the node is logged in", async () => {
    const ts = createTailscaleClient({ cliPath, socketPath: daemon.socketPath });
    await expect(ts.enableServe({ port: 7391 })).rejects.toMatchObject({ code: "TAILSCALE_NOT_LOGGED_IN" });
  });

  it("reports an empty serve config", async () => {
    const ts = createTailscaleClient({ cliPath, socketPath: daemon.socketPath });
    expect(await ts.serveStatus()).toEqual({ mappings: [], tcpForwards: {} });
  });

  it("answers whois of an unknown address with undefined", async () => {
    expect(await createTailscaleClient({ cliPath, socketPath: daemon.socketPath }).whois("100.64.0.99")).toBeUndefined();
  });
});

describe("TailscaleClient when something is missing", () => {
  it("reports tailscaled not running when nothing listens on the socket", async () => {
    const st = await createTailscaleClient({ cliPath, socketPath: path.join(tmp.dir, "no-daemon.sock") }).status();
    expect(st).toMatchObject({ installed: true, running: false, error: { code: "TAILSCALED_NOT_RUNNING" } });
    expect(st.error?.remedy).toBe("Verify Tailscale is running: tailscale status");
  });

  it("reports tailscaled not running when its socket is stale (the CLI's own answer)", async () => {
    const socketPath = path.join(tmp.dir, "stale.sock");
    // A process that binds the socket and exits without unlinking it, like a crashed tailscaled.
    await execa(process.execPath, ["-e", "require('net').createServer().listen(process.argv[1], () => process.exit(0))", socketPath]);
    // The CLI retries a refused socket for up to 5 s while any tailscaled runs on the machine.
    const st = await createTailscaleClient({ cliPath, socketPath, timeoutMs: 10_000 }).status();
    expect(st).toMatchObject({ installed: true, running: false, error: { code: "TAILSCALED_NOT_RUNNING" } });
    expect(st.error?.message).toContain("connection refused");
  });

  it("reports not installed when the CLI path does not exist", async () => {
    const st = await createTailscaleClient({ cliPath: path.join(tmp.dir, "nowhere/tailscale") }).status();
    expect(st).toMatchObject({ installed: false, running: false, error: { code: "TAILSCALE_NOT_INSTALLED" } });
  });

  it("reports not installed when tailscale is not on PATH", async () => {
    const st = await createTailscaleClient({ env: { PATH: path.join(tmp.dir, "empty-bin") } }).status();
    expect(st).toMatchObject({ installed: false, running: false, error: { code: "TAILSCALE_NOT_INSTALLED" } });
  });

  it("finds the CLI on PATH when no path is given", async () => {
    const st = await createTailscaleClient({ env: { PATH: binDir }, socketPath: daemon.socketPath }).status();
    expect(st).toMatchObject({ installed: true, running: true });
  });

  it("throws not installed from calls other than status", async () => {
    const ts = createTailscaleClient({ env: { PATH: "" } });
    await expect(ts.serveStatus()).rejects.toBeInstanceOf(TailscaleError);
    await expect(ts.whois("100.64.0.1")).rejects.toMatchObject({ code: "TAILSCALE_NOT_INSTALLED" });
  });

  it("gives up with a timeout when tailscaled accepts but never answers", async () => {
    const socketPath = path.join(tmp.dir, "hang.sock");
    const hang = await hangingSocket(socketPath);
    try {
      const started = Date.now();
      const st = await createTailscaleClient({ cliPath, socketPath, timeoutMs: 1000 }).status();
      expect(st).toMatchObject({ installed: true, running: false, error: { code: "TAILSCALE_TIMEOUT" } });
      expect(Date.now() - started).toBeLessThan(4000);
    } finally {
      await hang.close();
    }
  });
});
