// A real agent (`perry agent run`) for the PTY tests, with its own temp config and state directories.
import { mkdtemp, rm } from "node:fs/promises";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { type ResultPromise, execa } from "execa";

/** The built CLI. */
export const BIN = fileURLToPath(new URL("../../../bin/run.js", import.meta.url));

/** A running agent and what it was given. */
export interface TestAgent {
  url: string;
  configDir: string;
  stateDir: string;
  /** Environment for `perry` commands aimed at this agent. */
  env: Record<string, string>;
  /** Removes the named workspaces' containers and volumes, stops the agent, deletes the temp dirs. */
  stop(workspaces?: readonly string[]): Promise<void>;
}

/** Starts `perry agent run` on a free loopback port and waits for /api/health. */
export async function startTestAgent(extraEnv: Record<string, string> = {}): Promise<TestAgent> {
  const root = await mkdtemp(path.join(os.tmpdir(), "perry-cli-pty-"));
  const configDir = path.join(root, "config");
  const stateDir = path.join(root, "state");
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const agent: ResultPromise = execa("node", [BIN, "agent", "run", "--port", String(port)], {
    reject: false,
    all: true,
    env: { HOME: root, PERRY_CONFIG_DIR: configDir, PERRY_STATE_DIR: stateDir, PERRY_TAILSCALE_AUTH_KEY: "", PERRY_TAILSCALE_SERVE: "0", PERRY_AGENT_URL: "", PERRY_AGENT_TOKEN: "", ...extraEnv },
  });
  let output = "";
  agent.all?.on("data", (chunk: Buffer) => {
    output += chunk.toString();
  });
  const stop = async (workspaces: readonly string[] = []) => {
    for (const name of workspaces) {
      await execa("docker", ["rm", "-f", "-v", `workspace-${name}`], { reject: false });
      const volumes = await execa("docker", ["volume", "ls", "-q", "--filter", `name=workspace-${name}-`], { reject: false });
      const leftover = String(volumes.stdout ?? "").split("\n").filter(Boolean);
      if (leftover.length > 0) await execa("docker", ["volume", "rm", "-f", ...leftover], { reject: false });
    }
    if (agent.exitCode === undefined || agent.exitCode === null) {
      agent.kill("SIGTERM");
      await agent;
    }
    await rm(root, { recursive: true, force: true });
  };
  try {
    await waitForHealth(`${url}/api/health`, agent, () => output);
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, configDir, stateDir, env: { PERRY_AGENT_URL: url, PERRY_CONFIG_DIR: configDir, PERRY_AGENT_TOKEN: "", PERRY_DEBUG: "" }, stop };
}

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

async function waitForHealth(url: string, agent: ResultPromise, output: () => string): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (agent.exitCode !== undefined && agent.exitCode !== null) throw new Error(`the agent exited (${agent.exitCode}):\n${output()}`);
    if (await fetch(url).then((r) => r.ok, () => false)) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`the agent did not answer ${url} within 30 s:\n${output()}`);
}
