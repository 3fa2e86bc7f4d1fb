// `perry start --clone` against a real agent and a local git server on the Docker bridge.
import { execa } from "execa";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BIN, type TestAgent, startTestAgent } from "../shell/test-support/agent.js";

const stamp = `${process.pid}-${Date.now().toString(36)}`;
const names = [`clone-ok-${stamp}`, `clone-bad-${stamp}`];
let agent: TestAgent;
let git: GitServer;

// The agent's test git server (git http-backend behind node's http server), shared rather than copied;
// loaded at run time because the CLI's typecheck may not reach into another package's sources.
const GIT_SERVER_MODULE = new URL("../../../agent/src/clone/test-support/git-server.ts", import.meta.url).href;
interface GitServer {
  url: string;
  close(): Promise<void>;
}
type StartGitServer = (options: { token: string; repos: string[] }) => Promise<GitServer>;

const perry = (args: string[]) => execa("node", [BIN, ...args], { reject: false, env: agent.env, stdin: "ignore" });

beforeAll(async () => {
  const { startGitServer } = (await import(GIT_SERVER_MODULE)) as { startGitServer: StartGitServer };
  git = await startGitServer({ token: "unused-token-0123456789", repos: ["myapp"] });
  agent = await startTestAgent();
});

afterAll(async () => {
  await agent?.stop(names);
  await git?.close();
});

describe("perry start --clone", () => {
  it("creates the workspace with the repository checked out in ~/<repo>", async () => {
    const [name] = names as [string];
    const result = await perry(["start", name, "--clone", `${git.url}/public/myapp.git`]);
    expect(result.stderr).toBe("");
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toContain(`Created and started ${name}`);
    expect(result.stdout).toContain(`Cloned ${git.url}/public/myapp.git into ~/myapp`);
    const log = await execa("docker", ["exec", "-u", "workspace", `workspace-${name}`, "git", "-C", "/home/workspace/myapp", "log", "--oneline"]);
    expect(log.stdout).toContain("first commit");

    const again = await perry(["start", name, "--clone", `${git.url}/public/myapp.git`]);
    expect(again.exitCode).toBe(5);
    expect(again.stderr).toContain("--clone only applies when a workspace is created");
  });

  it("reports git's error, exits 1 and leaves the workspace running when the clone fails", async () => {
    const name = names[1] as string;
    const result = await perry(["start", name, "--clone", `${git.url}/public/missing.git`]);
    expect(result.exitCode).toBe(1);
    expect(result.stdout).toContain(`Created and started ${name}`);
    expect(result.stderr).toContain(`Error: cloning ${git.url}/public/missing.git failed:`);
    expect(result.stderr).toMatch(/not found|fatal/);
    expect(result.stderr).toContain(`Hint: ${name} is running; clone inside it with \`perry shell ${name}\``);
    const info = await perry(["info", name, "--json"]);
    expect(JSON.parse(info.stdout)).toMatchObject({ name, status: "running" });
  });
});
