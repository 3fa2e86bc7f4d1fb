// The built CLI as users run it (`node apps/cli/bin/run.js …`), against nothing, against a
// probe that records connections, and against a real agent with real Docker containers.
import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { type ResultPromise, execa } from "execa";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const BIN = fileURLToPath(new URL("../bin/run.js", import.meta.url));
const STACK_LINE = /^\s+at .+:\d+:\d+\)?$/m;

let configDir: string;

beforeAll(async () => {
  if (!existsSync(fileURLToPath(new URL("../dist/commands/start.js", import.meta.url)))) {
    throw new Error("the CLI is not built: run `pnpm --filter @perry/cli build` first");
  }
  configDir = await mkdtemp(path.join(os.tmpdir(), "perry-cli-e2e-"));
});
afterAll(async () => {
  if (configDir) await rm(configDir, { recursive: true, force: true });
});

/** Runs `perry <args>` with its own settings directory and no agent settings from the caller's environment. */
function perry(args: string[], options: { env?: Record<string, string>; cwd?: string } = {}) {
  return execa("node", [BIN, ...args], {
    reject: false,
    cwd: options.cwd ?? process.cwd(),
    env: { PERRY_CONFIG_DIR: configDir, PERRY_AGENT_URL: "", PERRY_AGENT_TOKEN: "", PERRY_DEBUG: "", PERRY_TAILSCALE_AUTH_KEY: "", ...options.env },
  });
}

/** A loopback port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe("perry without an agent", () => {
  it("prints its version", async () => {
    const result = await perry(["--version"]);
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toMatch(/^@perry\/cli\/\d+\.\d+\.\d+ /);
  });

  it("shows help from any working directory", async () => {
    const result = await perry(["--help"], { cwd: os.tmpdir() });
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toContain("start");
    expect(result.stdout).toContain("list");
  });

  it("exits 3 with a hint, and no stack trace, when no agent answers", async () => {
    const port = await closedPort();
    const result = await perry(["list", "--agent", `http://127.0.0.1:${port}`]);
    expect(result.exitCode).toBe(3);
    expect(result.stderr).toBe(
      `Error: cannot reach the Perry agent at http://127.0.0.1:${port}\nHint: Start it with \`perry agent run\`, or point the CLI at another agent with \`perry config agent <host>\``,
    );
    expect(result.stdout).toBe("");
  });

  it("prints the failure as JSON on stdout with --json", async () => {
    const port = await closedPort();
    const result = await perry(["list", "--json"], { env: { PERRY_AGENT_URL: `127.0.0.1:${port}` } });
    expect(result.exitCode).toBe(3);
    expect(JSON.parse(result.stdout)).toEqual({
      error: {
        code: "AGENT_UNREACHABLE",
        message: `cannot reach the Perry agent at http://127.0.0.1:${port}`,
        hint: "Start it with `perry agent run`, or point the CLI at another agent with `perry config agent <host>`",
      },
    });
  });

  it("shows the stack only with PERRY_DEBUG=1", async () => {
    const port = await closedPort();
    const result = await perry(["list", "--agent", `127.0.0.1:${port}`], { env: { PERRY_DEBUG: "1" } });
    expect(result.exitCode).toBe(3);
    expect(result.stderr).toMatch(STACK_LINE);
  });

  it("refuses a bad workspace name with the rule and a suggestion, without calling the agent", async () => {
    const probe = net.createServer((socket) => {
      connections++;
      socket.destroy();
    });
    let connections = 0;
    await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
    try {
      const { port } = probe.address() as net.AddressInfo;
      const result = await perry(["start", "My_Project", "--agent", `127.0.0.1:${port}`]);
      expect(result.exitCode).toBe(2);
      expect(result.stderr).toContain('invalid workspace name "My_Project": use 1–63 characters of a-z, 0-9 and -');
      expect(result.stderr).toContain('Did you mean "my-project"?');
      expect(result.stderr).not.toMatch(STACK_LINE);
      expect(connections).toBe(0);
    } finally {
      await new Promise<void>((resolve) => probe.close(() => resolve()));
    }
  });

  it.each([
    ["start", /Missing 1 required arg/],
    ["start a b", /Unexpected argument: b/],
    ["list --bogus", /Nonexistent flag: --bogus/],
    ["logs x --tail many", /Expected an integer/],
    ["agent run --port 99999", /less than or equal to 65535/],
    ["frobnicate", /command frobnicate not found/],
  ])("answers `perry %s` with a usage error, not a stack trace", async (args, message) => {
    const result = await perry(args.split(" "));
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stderr).not.toMatch(STACK_LINE);
  });

  it("stores the agent address in cli.json and reports where it came from", async () => {
    const set = await perry(["config", "agent", "my-box", "--token", "secret-token-abcdef1234"]);
    expect(set.exitCode).toBe(0);
    expect(set.stdout).not.toContain("secret-token-abcdef1234");

    const shown = await perry(["config", "agent"]);
    expect(shown.exitCode).toBe(0);
    expect(shown.stdout).toContain(`http://my-box:7391 (from ${path.join(configDir, "cli.json")})`);
    expect(shown.stdout).toContain("Token: …1234");
    expect(shown.stdout).not.toContain("secret-token-abcdef1234");

    const overridden = await perry(["config", "agent", "--json"], { env: { PERRY_AGENT_URL: "other-box:8080" } });
    expect(JSON.parse(overridden.stdout)).toMatchObject({ url: "http://other-box:8080", source: "env" });
    expect(overridden.stdout).not.toContain("secret-token");

    await rm(path.join(configDir, "cli.json"));
  });
});

describe("perry against a real agent", () => {
  const name = `cli-e2e-${process.pid}-${Date.now().toString(36)}`;
  let agent: ResultPromise | undefined;
  let agentOutput = "";
  let env: Record<string, string>;
  let stateDir: string;

  beforeAll(async () => {
    const port = await closedPort();
    stateDir = await mkdtemp(path.join(os.tmpdir(), "perry-cli-e2e-state-"));
    env = { PERRY_AGENT_URL: `http://127.0.0.1:${port}` };
    agent = execa("node", [BIN, "agent", "run", "--port", String(port)], {
      reject: false,
      all: true,
      // Workspaces stay off the tailnet and the host's Tailscale Serve is left alone.
      env: { PERRY_CONFIG_DIR: configDir, PERRY_STATE_DIR: stateDir, PERRY_TAILSCALE_AUTH_KEY: "", PERRY_TAILSCALE_SERVE: "0", PERRY_AGENT_URL: "" },
    });
    agent.all?.on("data", (chunk: Buffer) => {
      agentOutput += chunk.toString();
    });
    await waitForHealth(`http://127.0.0.1:${port}/api/health`, agent, () => agentOutput);
  });

  afterAll(async () => {
    await execa("docker", ["rm", "-f", "-v", `workspace-${name}`], { reject: false });
    const volumes = await execa("docker", ["volume", "ls", "-q", "--filter", `name=${name}`], { reject: false });
    const leftover = String(volumes.stdout ?? "").split("\n").filter(Boolean);
    if (leftover.length > 0) await execa("docker", ["volume", "rm", "-f", ...leftover], { reject: false });
    if (agent && agent.exitCode === undefined) {
      agent.kill("SIGTERM");
      await agent;
    }
    if (stateDir) await rm(stateDir, { recursive: true, force: true });
  });

  it("refuses to start a second agent on the same port with a one-line message", async () => {
    const result = await perry(["agent", "run", "--port", new URL(env.PERRY_AGENT_URL as string).port]);
    expect(result.exitCode).not.toBe(0);
    expect(result.stderr).toMatch(/^Error: .*\d+.*$/m);
    expect(result.stderr).not.toMatch(STACK_LINE);
  });

  it("creates and starts a workspace, lists it, stops, restarts, shows logs and removes it", async () => {
    const created = await perry(["start", name], { env });
    expect(created.stderr).toBe("");
    expect(created.exitCode).toBe(0);
    expect(created.stdout).toContain(`Created and started ${name}`);
    expect(await containerNames()).toContain(`workspace-${name}`);

    const listed = await perry(["list", "--json"], { env });
    expect(listed.exitCode).toBe(0);
    const running = JSON.parse(listed.stdout).workspaces.find((ws: { name: string }) => ws.name === name);
    expect(running).toMatchObject({ name, status: "running", container: `workspace-${name}` });

    const table = await perry(["list"], { env });
    expect(table.stdout).toMatch(new RegExp(`^${name}\\s+running\\s+-\\s+\\d+[smhd]$`, "m"));

    const logs = await perry(["logs", name, "--tail", "20"], { env });
    expect(logs.exitCode).toBe(0);

    const follow = perry(["logs", name, "--follow"], { env });
    await new Promise((resolve) => setTimeout(resolve, 1500));
    follow.kill("SIGINT");
    expect((await follow).exitCode).toBe(0);

    const stopped = await perry(["stop", name], { env });
    expect(stopped.exitCode).toBe(0);
    expect(stopped.stdout).toBe(`Stopped ${name}`);
    const info = await perry(["info", name, "--json"], { env });
    expect(JSON.parse(info.stdout)).toMatchObject({ name, status: "stopped" });
    expect(await containerNames()).not.toContain(`workspace-${name}`);

    const restarted = await perry(["start", name], { env });
    expect(restarted.exitCode).toBe(0);
    expect(restarted.stdout).toBe(`Started ${name}`);

    const removed = await perry(["rm", name], { env });
    expect(removed.exitCode).toBe(0);
    expect(removed.stdout).toBe(`Removed ${name}`);
    expect(await containerNames(true)).not.toContain(`workspace-${name}`);
    const volumes = await execa("docker", ["volume", "ls", "-q", "--filter", `name=${name}`]);
    expect(volumes.stdout).toBe("");

    const gone = await perry(["info", name], { env });
    expect(gone.exitCode).toBe(4);
    expect(gone.stderr).not.toMatch(STACK_LINE);
  });

  it("shows the agent's Docker and Tailscale status", async () => {
    const result = await perry(["info"], { env });
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toContain(`Agent:`);
    expect(result.stdout).toMatch(/Docker: +available/);
  });

  it("stops the agent cleanly on SIGTERM", async () => {
    agent?.kill("SIGTERM");
    const result = await agent;
    expect(result?.exitCode).toBe(0);
  });
});

async function containerNames(all = false): Promise<string[]> {
  const result = await execa("docker", ["ps", ...(all ? ["-a"] : []), "--format", "{{.Names}}"]);
  return result.stdout.split("\n");
}

async function waitForHealth(url: string, agent: ResultPromise, output: () => string): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (agent.exitCode !== undefined && agent.exitCode !== null) throw new Error(`the agent exited (${agent.exitCode}):\n${output()}`);
    const ok = await fetch(url)
      .then((response) => response.ok)
      .catch(() => false);
    if (ok) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`the agent did not answer ${url} within 30 s:\n${output()}`);
}
