import { stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { agentTokenPath, ensureAgentToken, readAgentToken, rotateAgentToken } from "./agent-token.js";
import { useTempDirs } from "./test-support/temp-dir.js";

describe("agent token file", () => {
  const tempDir = useTempDirs();

  it("is generated on first use with mode 0600 in a 0700 directory, then read back unchanged", async () => {
    const dir = path.join(await tempDir(), "perry");
    const first = await ensureAgentToken(dir);
    expect(first.created).toBe(true);
    expect(first.token).toMatch(/^perry_[A-Za-z0-9_-]{40,}$/);
    expect((await stat(agentTokenPath(dir))).mode & 0o777).toBe(0o600);
    expect((await stat(dir)).mode & 0o777).toBe(0o700);
    expect(await ensureAgentToken(dir)).toEqual({ token: first.token, created: false });
  });

  it("reads as undefined when missing or empty", async () => {
    const dir = await tempDir();
    expect(await readAgentToken(dir)).toBeUndefined();
    await writeFile(agentTokenPath(dir), "\n");
    expect(await readAgentToken(dir)).toBeUndefined();
  });

  it("rotates to a different token", async () => {
    const dir = await tempDir();
    const { token } = await ensureAgentToken(dir);
    const rotated = await rotateAgentToken(dir);
    expect(rotated).not.toBe(token);
    expect(await readAgentToken(dir)).toBe(rotated);
  });
});
