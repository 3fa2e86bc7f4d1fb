// Makes sure the real Docker engine runs and the workspace image exists before any test.
import { execFileSync } from "node:child_process";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import Docker from "dockerode";
import { DEFAULT_IMAGE } from "../contract.js";

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "../../../..");

async function imageExists(ref: string): Promise<boolean> {
  try {
    await new Docker().getImage(ref).inspect();
    return true;
  } catch {
    return false;
  }
}

export default async function setup(): Promise<void> {
  if (await imageExists(DEFAULT_IMAGE)) return;
  // Also starts dockerd and builds the base image and tailscale binaries when missing; fails loudly.
  execFileSync("bash", ["scripts/test-env.sh", "image"], { cwd: repoRoot, stdio: "inherit" });
}
