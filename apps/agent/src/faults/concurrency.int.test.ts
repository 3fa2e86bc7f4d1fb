import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testAgent, uniqueName } from "../test-support/agent.js";

// 20 different workspaces at once, plus 5 racing creates of one name: one container per name,
// every one listed, nothing left behind after removal (containers and volumes).
const exec = promisify(execFile);
const dockerNames = async (kind: "ps" | "volume", filter: string) =>
  (await exec("docker", kind === "ps" ? ["ps", "-a", "--format", "{{.Names}}", "--filter", `name=${filter}`] : ["volume", "ls", "--format", "{{.Name}}", "--filter", `name=${filter}`])).stdout
    .split("\n")
    .filter(Boolean);

describe("concurrent creates", () => {
  let agent: Awaited<ReturnType<typeof testAgent>>;
  const prefix = uniqueName("cc");
  beforeAll(async () => {
    agent = await testAgent();
  });
  afterAll(async () => {
    await agent?.cleanup();
  });

  it("creates 20 workspaces and exactly one of a name raced 5 times, all listed, no leftovers after removal", async () => {
    const names = Array.from({ length: 20 }, (_, i) => agent.track(`${prefix}-${i}`));
    const raced = agent.track(`${prefix}-same`);
    const post = (name: string) => agent.request("/api/workspaces", { method: "POST", json: { name } }).then((r) => r.status);
    const [many, race] = await Promise.all([Promise.all(names.map(post)), Promise.all(Array.from({ length: 5 }, () => post(raced)))]);
    expect(many).toEqual(names.map(() => 201));
    expect(race.sort()).toEqual([201, 409, 409, 409, 409]);

    const listed = ((await (await agent.request("/api/workspaces")).json()).workspaces as { name: string }[]).map((w) => w.name);
    for (const name of [...names, raced]) expect(listed.filter((n) => n === name)).toHaveLength(1);
    const containers = await dockerNames("ps", `workspace-${prefix}-`);
    expect(containers.sort()).toEqual([...names, raced].map((n) => `workspace-${n}`).sort());

    const removed = await Promise.all([...names, raced].map((name) => agent.request(`/api/workspaces/${name}`, { method: "DELETE" }).then((r) => r.status)));
    expect(removed.every((s) => s === 204)).toBe(true);
    expect(await dockerNames("ps", `workspace-${prefix}-`)).toEqual([]);
    expect(await dockerNames("volume", prefix)).toEqual([]);
  });
});
