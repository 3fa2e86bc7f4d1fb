/** Reading config.json from disk. */
import { readFile } from "node:fs/promises";
import os from "node:os";
import { type Where, ioFailure } from "./errors.js";
import { type ParsedConfig, parseConfigText } from "./parse.js";
import { configFilePath, displayPath, resolveConfigDir } from "./paths.js";

/** Where config.json is, as options shared by load, save and the store. */
export interface ConfigLocation {
  /** Config directory; defaults to `resolveConfigDir()`. */
  readonly dir?: string;
  /** Home directory, used to resolve the default dir and to print `~/…` in messages. */
  readonly home?: string;
}

/** A loaded config.json. */
export interface LoadedConfig extends ParsedConfig {
  readonly file: string;
  /** False when there is no file yet and everything is a default. */
  readonly exists: boolean;
}

/** Resolves the file and its display form from load/save options. */
export function locate(options: ConfigLocation = {}): Where {
  const home = options.home ?? os.homedir();
  const file = configFilePath(options.dir ?? resolveConfigDir(process.env, home));
  return { file, shown: displayPath(file, home) };
}

/** Reads the file, or undefined when it does not exist. */
export async function readConfigText(where: Where): Promise<string | undefined> {
  try {
    return await readFile(where.file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw ioFailure(where, "read the config file", error);
  }
}

/**
 * Loads config.json: a missing file gives the defaults; bad JSON throws
 * `CONFIG_INVALID_JSON` (with line and column), a schema mismatch `CONFIG_INVALID`.
 */
export async function loadConfig(options: ConfigLocation = {}): Promise<LoadedConfig> {
  const where = locate(options);
  const text = await readConfigText(where);
  return { file: where.file, exists: text !== undefined, ...parseConfigText(text ?? "", where) };
}
