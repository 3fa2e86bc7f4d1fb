// `--clone` against a local git server on the Docker bridge, with real workspace containers.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { WorkspaceEvent } from "@perry/api-client";
import { createWorkspaceDocker } from "@perry/docker";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../server.js";
import { ServiceError } from "../service/errors.js";
import { WorkspaceEvents } from "../service/events.js";
import { TailscaleReports } from "../service/reports.js";
import { WorkspaceService } from "../service/workspaces.js";
import { uniqueName } from "../test-support/agent.js";
import { type GitServer, startGitServer } from "./test-support/git-server.js";
import { isolatedEnv } from "../test-support/agent.js";

const TOKEN = `ghp_test${Math.random().toString(36).slice(2)}${Date.now().toString(36)}`;
const docker = createWorkspaceDocker();
const created: string[] = [];
const events: WorkspaceEvent[] = [];
let root: string;
let git: GitServer;
let service: WorkspaceService;

/** A workspace service whose token origin is the local git server (as PERRY_GITHUB_HOST would set it). */
async function makeService(githubHost: string): Promise<WorkspaceService> {
  const env = isolatedEnv(root);
  const config = await loadConfig(env);
  await config.update({ github: { token: TOKEN } } as never);
  const bus = new WorkspaceEvents();
  bus.subscribe((event) => events.push(event));
  return new WorkspaceService({ docker, config, reports: new TailscaleReports(join(root, "state")), events: bus, image: process.env.PERRY_WORKSPACE_IMAGE || "perry-workspace:latest", log: () => undefined, githubHost });
}

function workspaceName(): string {
  const name = uniqueName("clone");
  created.push(name);
  return name;
}

async function sh(name: string, script: string, user = "workspace") {
  return docker.exec(name, ["sh", "-c", script], { user });
}

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), "perry-clone-test-"));
  git = await startGitServer({ token: TOKEN, repos: ["demo", "secret"] });
  service = await makeService(git.url);
});

afterAll(async () => {
  await Promise.all(created.map((name) => docker.remove(name).catch(() => undefined)));
  await git?.close();
  if (root) await rm(root, { recursive: true, force: true });
});

describe("WorkspaceService --clone", () => {
  it("clones a public repository into ~/<repo> as workspace, with progress events", async () => {
    const name = workspaceName();
    const result = await service.start(name, { create: true, clone: `${git.url}/public/demo.git` });
    expect(result.clone).toEqual({ url: `${git.url}/public/demo.git`, path: "/home/workspace/demo", ok: true });
    const owner = await sh(name, "stat -c %U ~/demo ~/demo/.git ~/demo/README.md | sort -u");
    expect(owner.stdout.trim()).toBe("workspace");
    const log = await sh(name, "cd ~/demo && git log --oneline");
    expect(log.exitCode).toBe(0);
    expect(log.stdout).toContain("first commit");
    expect(events.some((e) => e.type === "progress" && e.name === name && e.step === "cloning")).toBe(true);
    expect(git.authorizations).toEqual([]);
  });

  it("clones a private repository with the GitHub token without leaving it in .git/config, the environment or /tmp", async () => {
    const name = workspaceName();
    const result = await service.create(name, { clone: `${git.url}/private/secret.git` });
    expect(result.clone).toMatchObject({ ok: true, path: "/home/workspace/secret" });
    expect(result.status).toBe("running");
    expect(git.authorizations).toContain(`Basic ${Buffer.from(`x-access-token:${TOKEN}`).toString("base64")}`);
    expect((await sh(name, "cd ~/secret && git log --oneline")).stdout).toContain("first commit");

    const gitConfig = await sh(name, "cat ~/secret/.git/config");
    expect(gitConfig.stdout).toContain(`${git.url}/private/secret.git`);
    expect(gitConfig.stdout).not.toContain(TOKEN);
    // Each user can read the environ of its own processes (root lacks CAP_SYS_PTRACE for the others).
    for (const user of ["root", "workspace"]) {
      const environ = await sh(name, "cat /proc/[0-9]*/environ 2>/dev/null | tr '\\0' '\\n'", user);
      expect(environ.stdout.length).toBeGreaterThan(0);
      expect(environ.stdout).not.toContain(TOKEN);
    }
    const leftovers = await sh(name, `grep -rl "${TOKEN}" /tmp /home/workspace /etc 2>/dev/null; true`, "root");
    expect(leftovers.stdout.trim()).toBe("");
  });

  it("reports git's error and leaves the workspace running when the clone fails", async () => {
    const other = await makeService("https://github.com");
    const name = workspaceName();
    const result = await other.start(name, { create: true, clone: `${git.url}/private/secret.git` });
    expect(result.created).toBe(true);
    expect(result.workspace.status).toBe("running");
    expect(result.clone?.ok).toBe(false);
    expect(result.clone?.error).toMatch(/could not read Username|Authentication failed|401/);
    expect(result.clone?.error).not.toContain(TOKEN);
    expect((await sh(name, "test -e ~/secret; echo $?")).stdout.trim()).toBe("1");
  });

  it("refuses --clone for a workspace that exists, saying why", async () => {
    const name = created[0] as string;
    const refused = await service.start(name, { create: true, clone: `${git.url}/public/demo.git` }).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(ServiceError);
    expect(refused).toMatchObject({ code: "WORKSPACE_EXISTS", message: expect.stringContaining("--clone only applies when a workspace is created") });
  });

  it("refuses a URL without a repository name before creating anything", async () => {
    const name = uniqueName("clone");
    await expect(Promise.resolve().then(() => service.start(name, { create: true, clone: "https://github.com/" }))).rejects.toMatchObject({ code: "BAD_REQUEST" });
    expect(await docker.get(name)).toBeUndefined();
  });
});
