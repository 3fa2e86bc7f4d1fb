/** The agent's bearer token: `<config dir>/agent-token`, mode 0600, apart from config.json so the API never holds it. */
import { randomBytes } from "node:crypto";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { displayPath } from "./paths.js";
import { ioFailure, type Where } from "./errors.js";
import { ensureDir, writeAtomically } from "./save.js";

/** The token file's name inside the config directory. */
export const AGENT_TOKEN_FILE_NAME = "agent-token";

// 32 random bytes: far beyond guessing; base64url so it survives shells and headers unquoted.
const TOKEN_BYTES = 32;
const TOKEN_PREFIX = "perry_";

/** `<dir>/agent-token`. */
export function agentTokenPath(dir: string): string {
  return path.join(dir, AGENT_TOKEN_FILE_NAME);
}

/** The stored token, or undefined when none was generated yet (or the file is empty). */
export async function readAgentToken(dir: string): Promise<string | undefined> {
  const where = whereOf(dir);
  try {
    const text = (await readFile(where.file, "utf8")).trim();
    return text === "" ? undefined : text;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw ioFailure(where, "read the agent token", error);
  }
}

/** The stored token, generating and saving one (0600) on first use. */
export async function ensureAgentToken(dir: string): Promise<{ token: string; created: boolean }> {
  const existing = await readAgentToken(dir);
  if (existing) return { token: existing, created: false };
  return { token: await rotateAgentToken(dir), created: true };
}

/** Replaces the token with a new random one; the old one stops working at once. */
export async function rotateAgentToken(dir: string): Promise<string> {
  const where = whereOf(dir);
  const token = `${TOKEN_PREFIX}${randomBytes(TOKEN_BYTES).toString("base64url")}`;
  await ensureDir(where);
  await writeAtomically(where, `${token}\n`, "save the agent token");
  return token;
}

function whereOf(dir: string): Where {
  const file = agentTokenPath(dir);
  return { file, shown: displayPath(file) };
}
