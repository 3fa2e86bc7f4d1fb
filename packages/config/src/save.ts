/** Writing config.json: validated, atomic, owner-only. */
import { randomBytes } from "node:crypto";
import { chmod, mkdir, open, rename, unlink } from "node:fs/promises";
import path from "node:path";
import { ConfigError, type Where, ioFailure, refusingWrite } from "./errors.js";
import { type ConfigLocation, locate, readConfigText } from "./load.js";
import { type ParsedConfig, parseConfigText, validateDocument } from "./parse.js";
import type { ConfigDocument } from "./schema.js";

const FILE_MODE = 0o600;
const DIR_MODE = 0o700;

/**
 * Validates and writes config.json atomically (temp file in the same directory,
 * fsync, rename) with mode 0600, creating the directory with mode 0700. Refuses
 * with `CONFIG_CORRUPT_REFUSING_WRITE` when the existing file does not load, so a
 * hand edit with a typo is never silently replaced.
 */
export async function saveConfig(document: ConfigDocument, options: ConfigLocation = {}): Promise<ParsedConfig & { file: string }> {
  const where = locate(options);
  const parsed = validateDocument(document, where);
  await ensureDir(where);
  await refuseIfCorrupt(where);
  await writeAtomically(where, `${JSON.stringify(document, null, 2)}\n`);
  return { file: where.file, ...parsed };
}

/** Creates the config directory (0700) if missing; shared with the agent-token file. */
export async function ensureDir(where: Where): Promise<void> {
  const dir = path.dirname(where.file);
  try {
    const created = await mkdir(dir, { recursive: true, mode: DIR_MODE });
    // mkdir's mode is filtered by the umask; a new directory must end up exactly 0700.
    if (created !== undefined) await chmod(dir, DIR_MODE);
  } catch (error) {
    throw ioFailure(where, "create the config directory", error);
  }
}

async function refuseIfCorrupt(where: Where): Promise<void> {
  const current = await readConfigText(where);
  if (current === undefined) return;
  try {
    parseConfigText(current, where);
  } catch (error) {
    if (error instanceof ConfigError) throw refusingWrite(error);
    throw error;
  }
}

/** Temp file + fsync + rename, mode 0600: readers see the old file or the new one, never half. */
export async function writeAtomically(where: Where, text: string, action = "save the config file"): Promise<void> {
  const dir = path.dirname(where.file);
  const temp = path.join(dir, `.${path.basename(where.file)}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`);
  try {
    const handle = await open(temp, "wx", FILE_MODE);
    try {
      await handle.chmod(FILE_MODE);
      await handle.writeFile(text, "utf8");
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, where.file);
  } catch (error) {
    await unlink(temp).catch(() => undefined);
    throw ioFailure(where, action, error);
  }
  await syncDir(dir);
}

// Makes the rename itself durable; some file systems refuse fsync on a directory,
// and by now the new file is in place, so that refusal is not an error.
async function syncDir(dir: string): Promise<void> {
  const handle = await open(dir, "r").catch(() => undefined);
  if (!handle) return;
  await handle.sync().catch(() => undefined);
  await handle.close();
}
