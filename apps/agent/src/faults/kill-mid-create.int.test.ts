import { type ChildProcess, execFile, spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { uniqueName } from "../test-support/agent.js";

// The agent as users run it (`perry agent run`), SIGKILLed right after Docker has the container of
// a create in flight. After a restart the workspace is listed (complete or marked) and
// `perry remove` takes the container and its volumes away.
const exec = promisify(execFile);
const cli = resolve(import.meta.dirname, "../../../cli/bin/run.js");
const PORT = 17521;

async function startAgentProcess(env: NodeJS.ProcessEnv): Promise<ChildProcess> {
  const child = spawn(process.execPath, [cli, "agent", "run", "--port", String(PORT)], { env, stdio: ["ignore", "pipe", "pipe"] });
  await new Promise<void>((ok, fail) => {
    let out = "";
    const timer = setTimeout(() => fail(new Error(`agent did not start: ${out}`)), 30_000);
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes("Agent running at")) {
        clearTimeout(timer);
        ok();
      }
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", onData);
    child.once("exit", () => fail(new Error(`agent exited: ${out}`)));
  });
  return child;
}

const containerOf = async (name: string) => (await exec("docker", ["ps", "-a", "--format", "{{.Names}} {{.State}}", "--filter", `name=^workspace-${name}$`])).stdout.trim();
const volumesOf = async (name: string) => (await exec("docker", ["volume", "ls", "--format", "{{.Name}}", "--filter", `name=${name}`])).stdout.trim();

describe("agent killed in the middle of a create", () => {
  const name = uniqueName("kill");
  let root: string | undefined;
  let child: ChildProcess | undefined;
  afterAll(async () => {
    child?.kill("SIGKILL");
    await exec("docker", ["rm", "-f", "-v", `workspace-${name}`]).catch(() => undefined);
    for (const volume of (await volumesOf(name).catch(() => "")).split("\n").filter(Boolean)) await exec("docker", ["volume", "rm", "-f", volume]).catch(() => undefined);
    if (root) await rm(root, { recursive: true, force: true });
  });

  it("lists the workspace after a restart and removes it completely with perry remove", async () => {
    root = await mkdtemp(join(tmpdir(), "perry-kill-"));
    const env = { ...process.env, HOME: root, PERRY_CONFIG_DIR: join(root, "config"), PERRY_STATE_DIR: join(root, "state"), PERRY_TAILSCALE_SERVE: "0", PERRY_AGENT_URL: `http://localhost:${PORT}` };
    child = await startAgentProcess(env);
    const pending = fetch(`http://localhost:${PORT}/api/workspaces`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ name }) }).catch((e: unknown) => e);
    const deadline = Date.now() + 30_000;
    while (!(await containerOf(name)) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    child.kill("SIGKILL");
    await new Promise((r) => child?.once("exit", r));
    await pending;
    expect(await containerOf(name)).not.toBe("");

    child = await startAgentProcess(env);
    const listed = (await (await fetch(`http://localhost:${PORT}/api/workspaces`)).json()) as { workspaces: { name: string; status: string }[] };
    const entry = listed.workspaces.find((w) => w.name === name);
    expect(entry).toBeDefined();
    // Killed after `docker create`: either never started ("created", shown so that `perry start`
    // finishes it or `perry remove` drops it) or already running.
    expect(["created", "running", "stopped"]).toContain(entry?.status);

    const removed = await exec(process.execPath, [cli, "remove", name], { env });
    expect(removed.stderr).not.toMatch(/Error|at .*\.js/);
    expect(await containerOf(name)).toBe("");
    expect(await volumesOf(name)).toBe("");
    child.kill("SIGTERM");
    await new Promise((r) => child?.once("exit", r));
    child = undefined;
  });
});
