import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { copyFile, mkdir, mkdtemp, readdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { docker, run } from "./run.js";
import type { LabSettings } from "./settings.js";

/** The Go module of the control server, beside this package. */
export const controlSourceDir = join(dirname(fileURLToPath(import.meta.url)), "..", "control");

async function sourceFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries
    .filter((e) => e.isFile() && (e.name.endsWith(".go") || e.name === "go.mod" || e.name === "go.sum"))
    .map((e) => join(e.parentPath, e.name))
    .sort();
}

/** A short hash of the control sources and base image: the cache key for binary and image. */
export async function controlHash(settings: LabSettings, srcDir = controlSourceDir): Promise<string> {
  const h = createHash("sha256").update(settings.baseImage);
  for (const f of await sourceFiles(srcDir)) {
    h.update(relative(srcDir, f)).update(await readFile(f));
  }
  return h.digest("hex").slice(0, 12);
}

/** Builds the static control binary into the cache unless it is already there; returns its path. */
export async function ensureControlBinary(settings: LabSettings, hash: string, srcDir = controlSourceDir): Promise<string> {
  const bin = join(settings.cacheDir, "tailnet-lab", `perry-lab-control-${hash}`);
  if (existsSync(bin)) return bin;
  await mkdir(dirname(bin), { recursive: true });
  const tmp = `${bin}.${process.pid}.tmp`;
  await run("go", ["build", "-trimpath", "-ldflags=-s -w", "-o", tmp, "."], {
    code: "GO_BUILD_FAILED",
    cwd: srcDir,
    timeoutMs: 600_000,
    env: { ...process.env, CGO_ENABLED: "0" } as Record<string, string>,
  });
  await rename(tmp, bin); // atomic, so a concurrent build never sees half a binary
  return bin;
}

/** Makes sure `perry-lab-control:<hash>` exists (binary COPY'd onto the offline base image); returns the tag. */
export async function ensureControlImage(settings: LabSettings): Promise<string> {
  const hash = await controlHash(settings);
  const tag = `perry-lab-control:${hash}`;
  const known = await run("docker", ["image", "inspect", tag], { code: "DOCKER_FAILED", reject: true });
  if (known.exitCode === 0) return tag;
  const bin = await ensureControlBinary(settings, hash);
  const ctx = await mkdtemp(join(tmpdir(), "perry-lab-image-"));
  try {
    await copyFile(bin, join(ctx, "perry-lab-control"));
    await writeFile(
      join(ctx, "Dockerfile"),
      [
        "# Perry tailnet lab control server (testcontrol + DERP + STUN), built by tools/tailnet-lab.",
        `FROM ${settings.baseImage}`,
        "COPY perry-lab-control /usr/local/bin/perry-lab-control",
        'ENTRYPOINT ["/usr/local/bin/perry-lab-control"]',
        'CMD ["--addr=auto"]',
        "",
      ].join("\n"),
    );
    await docker(["build", "-q", "--label", "perry.lab.control=1", "-t", tag, ctx], 300_000);
  } finally {
    await rm(ctx, { recursive: true, force: true });
  }
  return tag;
}
