// Against the real Docker engine and the real perry-workspace image.
import Docker from "dockerode";
import { describe, expect, it } from "vitest";
import { createWorkspaceDocker } from "./client.js";
import { containerName, LABEL_MANAGED, LABEL_WORKSPACE, volumeNames } from "./contract.js";
import { DockerError } from "./errors.js";
import { cleanupAfterAll, eventually, uniqueName } from "./test-support/fixtures.js";

const raw = new Docker();
const docker = createWorkspaceDocker();
const track = cleanupAfterAll(docker);

async function hostConfig(name: string) {
  return (await raw.getContainer(containerName(name)).inspect()).HostConfig;
}

async function volumeLabels(name: string) {
  const { home, tailscale } = volumeNames(name);
  return Promise.all([home, tailscale].map(async (v) => (await raw.getVolume(v).inspect()).Labels));
}

describe("WorkspaceDocker lifecycle", () => {
  it("creates a stopped workspace with labelled volumes and no extra capabilities", async () => {
    const name = track(uniqueName());
    const created = await docker.create({ name, tailscale: false });
    expect(created).toMatchObject({ name, containerName: `workspace-${name}`, state: "created", tailscaleCapable: false });
    expect(created.startedAt).toBeUndefined();
    const host = await hostConfig(name);
    expect(host.CapAdd ?? []).toEqual([]);
    expect(host.Devices ?? []).toEqual([]);
    expect(host.Privileged).toBe(false);
    for (const labels of await volumeLabels(name)) {
      expect(labels).toMatchObject({ [LABEL_MANAGED]: "true", [LABEL_WORKSPACE]: name });
    }
  });

  it("gives a tailscale workspace NET_ADMIN and /dev/net/tun but not Privileged", async () => {
    const name = track(uniqueName());
    expect(await docker.create({ name, tailscale: true })).toMatchObject({ tailscaleCapable: true });
    const host = await hostConfig(name);
    expect(host.CapAdd).toEqual(["NET_ADMIN"]);
    expect(host.Devices?.map((d: { PathOnHost?: string }) => d.PathOnHost)).toEqual(["/dev/net/tun"]);
    expect(host.Privileged).toBe(false);
  });

  it("writes a file into a never-started container that is there after start, and not in inspect", async () => {
    const name = track(uniqueName());
    await docker.create({ name, tailscale: false });
    await docker.writeFile(name, "/etc/perry/secret", "s3cret-value\n", { mode: 0o600 });
    await docker.start(name);
    const result = await docker.exec(name, ["stat", "-c", "%a %u %g", "/etc/perry/secret"]);
    expect(result).toMatchObject({ exitCode: 0, stdout: "600 0 0\n" });
    expect((await docker.exec(name, ["cat", "/etc/perry/secret"])).stdout).toBe("s3cret-value\n");
    expect(JSON.stringify(await raw.getContainer(containerName(name)).inspect())).not.toContain("s3cret-value");
  });

  it("runs, stops with SIGTERM (not killed), restarts and is removed with its volumes", async () => {
    const name = track(uniqueName());
    await docker.create({ name, tailscale: false });
    await docker.start(name);
    await docker.start(name); // already running is fine
    expect(await docker.get(name)).toMatchObject({ state: "running", status: expect.stringMatching(/^Up/) });

    await docker.stop(name);
    const stopped = await docker.get(name);
    expect(stopped?.state).toBe("exited");
    expect([0, 143]).toContain(stopped?.exitCode); // 137 would mean Docker had to SIGKILL it
    expect(stopped?.finishedAt).toBeInstanceOf(Date);
    await docker.stop(name); // already stopped is fine

    await docker.start(name);
    expect((await docker.get(name))?.state).toBe("running");

    await docker.remove(name);
    expect(await docker.get(name)).toBeUndefined();
    const { Volumes } = await raw.listVolumes({ filters: { label: [`${LABEL_WORKSPACE}=${name}`] } });
    expect(Volumes ?? []).toEqual([]);
    await docker.remove(name); // already gone is fine
  });

  it("recreates a workspace with tailscale capabilities and keeps the home volume", async () => {
    const name = track(uniqueName());
    await docker.create({ name, tailscale: false });
    await docker.writeFile(name, "/home/workspace/keep.txt", "kept", { uid: 1000, gid: 1000 });
    const recreated = await docker.recreate(name, { tailscale: true });
    expect(recreated).toMatchObject({ state: "created", tailscaleCapable: true });
    await docker.start(name);
    expect((await docker.exec(name, ["cat", "/home/workspace/keep.txt"])).stdout).toBe("kept");
  });

  it("keeps the volumes when removing with keepVolumes", async () => {
    const name = track(uniqueName());
    await docker.create({ name, tailscale: false });
    await docker.remove(name, { keepVolumes: true });
    expect(await docker.get(name)).toBeUndefined();
    expect(await volumeLabels(name)).toHaveLength(2);
  });
});

describe("WorkspaceDocker.list", () => {
  it("returns every workspace from a single listContainers call", async () => {
    const names = [track(uniqueName()), track(uniqueName())];
    for (const name of names) await docker.create({ name, tailscale: false });
    let calls = 0;
    const counted = new Proxy(raw, {
      get(target, prop, receiver) {
        const value = Reflect.get(target, prop, receiver);
        if (typeof value !== "function") return value;
        return (...args: unknown[]) => {
          calls++;
          return value.apply(target, args);
        };
      },
    });
    const listed = await createWorkspaceDocker({ docker: counted }).list();
    expect(calls).toBe(1);
    expect(listed.map((w) => w.name)).toEqual(expect.arrayContaining(names));
    expect(listed.find((w) => w.name === names[0])).toMatchObject({ state: "created", createdAt: expect.any(Date) });
  });
});

describe("WorkspaceDocker.exec", () => {
  it("feeds stdin, separates stdout from stderr and reports the exit code, as the given user", async () => {
    const name = track(uniqueName());
    await docker.create({ name, tailscale: false });
    await docker.start(name);
    const result = await docker.exec(name, ["bash", "-c", 'cat; echo "$GREETING $(id -un)" >&2; exit 3'], {
      user: "workspace",
      env: { GREETING: "hello" },
      stdin: "from stdin",
    });
    expect(result).toEqual({ exitCode: 3, stdout: "from stdin", stderr: "hello workspace\n" });
  });

  it("gives up after timeoutMs", async () => {
    const name = track(uniqueName());
    await docker.create({ name, tailscale: false });
    await docker.start(name);
    await expect(docker.exec(name, ["sleep", "30"], { timeoutMs: 500 })).rejects.toMatchObject({
      code: "DOCKER_FAILED",
    });
  });
});

describe("WorkspaceDocker.logs and events", () => {
  it("streams lifecycle events for workspaces and their log lines", async () => {
    const name = track(uniqueName());
    const abort = new AbortController();
    const seen: string[] = [];
    const watching = (async () => {
      for await (const event of docker.events({ signal: abort.signal })) {
        if (event.name === name) seen.push(event.action);
      }
    })();
    await docker.create({ name, tailscale: false });
    await docker.start(name);
    await eventually(async () => (seen.includes("start") ? true : undefined));
    abort.abort();
    await watching;
    expect(seen).toEqual(expect.arrayContaining(["create", "start"]));

    const ready = await eventually(async () => {
      const lines: string[] = [];
      for await (const line of docker.logs(name)) lines.push(line);
      return lines.some((l) => l.includes("[perry] workspace ready")) ? lines : undefined;
    });
    expect(ready).toContain("[perry] workspace ready");

    const follow = new AbortController();
    const followed: string[] = [];
    for await (const line of docker.logs(name, { follow: true, tail: 1, signal: follow.signal })) {
      followed.push(line);
      follow.abort();
    }
    expect(followed).toHaveLength(1);
  });
});

describe("WorkspaceDocker errors", () => {
  it("reports a second workspace with the same name as WORKSPACE_CONFLICT", async () => {
    const name = track(uniqueName());
    await docker.create({ name, tailscale: false });
    await expect(docker.create({ name, tailscale: false })).rejects.toMatchObject({ code: "WORKSPACE_CONFLICT" });
  });

  it("reports a missing image as IMAGE_NOT_FOUND with how to build it", async () => {
    const name = track(uniqueName());
    const err = await docker.create({ name, tailscale: false, image: `perry-missing-${name}:x` }).catch((e) => e);
    expect(err).toBeInstanceOf(DockerError);
    expect(err).toMatchObject({ code: "IMAGE_NOT_FOUND" });
    expect(err.message).toContain("scripts/test-env.sh image");
  });

  it("reports operations on a workspace that does not exist as WORKSPACE_NOT_FOUND", async () => {
    const name = uniqueName();
    expect(await docker.get(name)).toBeUndefined();
    await expect(docker.start(name)).rejects.toMatchObject({ code: "WORKSPACE_NOT_FOUND" });
    await expect(docker.writeFile(name, "/x", "y")).rejects.toMatchObject({ code: "WORKSPACE_NOT_FOUND" });
    await expect(docker.recreate(name, { tailscale: true })).rejects.toMatchObject({ code: "WORKSPACE_NOT_FOUND" });
  });
});
