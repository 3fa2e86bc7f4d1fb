// Shared helpers for the integration tests: unique names and cleanup that also runs when a test fails.
import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeEach } from "vitest";
import type { WorkspaceDocker } from "../client.js";

/** A workspace name unique to this run, e.g. t-3f9a1c. */
export function uniqueName(): string {
  return `t-${randomBytes(4).toString("hex")}`;
}

/** Names registered here are removed (container and volumes) after the file's tests, pass or fail. */
export function cleanupAfterAll(docker: WorkspaceDocker): (name: string) => string {
  const names = new Set<string>();
  afterAll(async () => {
    for (const name of names) await docker.remove(name).catch(() => undefined);
  });
  return (name) => {
    names.add(name);
    return name;
  };
}

/** Polls until `check` returns a value other than undefined, or fails after `timeoutMs`. */
export async function eventually<T>(check: () => Promise<T | undefined>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await check();
      if (value !== undefined) return value;
    } catch (err) {
      last = err;
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`condition not met within ${timeoutMs} ms${last ? `: ${String(last)}` : ""}`);
}

/** A fresh real temp directory for each test, removed afterwards; read `.path` inside a test. */
export function tempDirPerTest(prefix: string): { path: string } {
  const dir = { path: "" };
  beforeEach(async () => {
    dir.path = await mkdtemp(join(tmpdir(), prefix));
  });
  afterEach(async () => {
    await rm(dir.path, { recursive: true, force: true });
  });
  return dir;
}
