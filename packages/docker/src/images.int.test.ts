// buildImage and imageExists against the real engine, from the offline base image.
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Docker from "dockerode";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createWorkspaceDocker } from "./client.js";
import { uniqueName } from "./test-support/fixtures.js";

const BASE = process.env.PERRY_BASE_IMAGE ?? "perry-base:bookworm";
const docker = createWorkspaceDocker();

describe("WorkspaceDocker.buildImage", () => {
  let dir: string;
  const tag = `perry-test-build-${uniqueName()}:latest`;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "perry-build-"));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
    await new Docker()
      .getImage(tag)
      .remove({ force: true })
      .catch(() => undefined);
  });

  it("builds a context directory with build arguments and reports progress", async () => {
    await writeFile(join(dir, "Dockerfile"), `FROM ${BASE}\nARG GREETING\nCOPY note.txt /note.txt\nRUN echo "$GREETING" >/greeting\n`);
    await writeFile(join(dir, "note.txt"), "from the context\n");
    const progress: string[] = [];
    await docker.buildImage({ contextDir: dir, tag, buildArgs: { GREETING: "hi" }, onProgress: (l) => progress.push(l) });
    expect(await docker.imageExists(tag)).toBe(true);
    expect(progress.join("\n")).toMatch(/Successfully built/);
  });

  it("surfaces the failing step's error text", async () => {
    await writeFile(join(dir, "Dockerfile"), `FROM ${BASE}\nRUN exit 7\n`);
    const err = await docker.buildImage({ contextDir: dir, tag: `${tag}-broken` }).catch((e) => e);
    expect(err).toMatchObject({ code: "DOCKER_FAILED" });
    expect(err.message).toContain("non-zero code: 7");
  });

  it("says an unknown image does not exist", async () => {
    expect(await docker.imageExists(`perry-missing-${uniqueName()}:x`)).toBe(false);
  });
});
