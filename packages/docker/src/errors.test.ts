import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { createWorkspaceDocker, defaultSocketPath } from "./client.js";
import { DockerError, mapDockerError } from "./errors.js";
import { tempDirPerTest } from "./test-support/fixtures.js";

describe("DOCKER_UNAVAILABLE", () => {
  const tmp = tempDirPerTest("perry-docker-");

  it("names the socket path when nothing exists there (ENOENT)", async () => {
    const socketPath = join(tmp.path, "missing.sock");
    const err = await createWorkspaceDocker({ socketPath })
      .ping()
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DockerError);
    expect(err).toMatchObject({ name: "DockerError", code: "DOCKER_UNAVAILABLE" });
    expect((err as Error).message).toContain(socketPath);
    expect((err as Error).cause).toMatchObject({ code: "ENOENT" });
  });

  it("names the socket path when nothing listens there (ECONNREFUSED)", async () => {
    const socketPath = join(tmp.path, "not-a-socket");
    await writeFile(socketPath, "");
    const err = await createWorkspaceDocker({ socketPath })
      .list()
      .catch((e: unknown) => e);
    expect(err).toMatchObject({ code: "DOCKER_UNAVAILABLE" });
    expect((err as Error).message).toContain(socketPath);
  });
});

describe("mapDockerError", () => {
  const ctx = { action: "start workspace x", socketPath: "/s", workspace: "x" };

  it("passes a DockerError through unchanged", () => {
    const original = new DockerError("WORKSPACE_CONFLICT", "taken");
    expect(mapDockerError(original, ctx)).toBe(original);
  });

  it("reports anything unrecognised as DOCKER_FAILED with Docker's message and the cause", () => {
    const cause = Object.assign(new Error("(HTTP code 500) server error"), { statusCode: 500 });
    const mapped = mapDockerError(cause, ctx);
    expect(mapped).toMatchObject({ code: "DOCKER_FAILED", cause });
    expect(mapped.message).toContain("start workspace x");
  });
});

describe("defaultSocketPath", () => {
  it.each([
    [{ DOCKER_HOST: "unix:///run/user/1000/docker.sock" }, "/run/user/1000/docker.sock"],
    [{ DOCKER_HOST: "tcp://10.0.0.1:2375" }, "/var/run/docker.sock"],
    [{}, "/var/run/docker.sock"],
  ])("reads %j as %s", (env, expected) => {
    expect(defaultSocketPath(env)).toBe(expected);
  });
});
