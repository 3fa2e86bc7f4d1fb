/** Where config.json lives. */
import os from "node:os";
import path from "node:path";

/** The file name inside the config directory. */
export const CONFIG_FILE_NAME = "config.json";

/**
 * The config directory: `$PERRY_CONFIG_DIR`, else `$XDG_CONFIG_HOME/perry`, else `~/.config/perry`.
 *
 * @example resolveConfigDir({ XDG_CONFIG_HOME: "/x" }, "/home/me") // "/x/perry"
 */
export function resolveConfigDir(env: NodeJS.ProcessEnv = process.env, home: string = os.homedir()): string {
  const explicit = env.PERRY_CONFIG_DIR?.trim();
  if (explicit) return path.resolve(explicit);
  const xdg = env.XDG_CONFIG_HOME?.trim();
  // The XDG spec says relative values are invalid and must be ignored.
  if (xdg && path.isAbsolute(xdg)) return path.join(xdg, "perry");
  return path.join(home, ".config", "perry");
}

/** `<dir>/config.json`. */
export function configFilePath(dir: string): string {
  return path.join(dir, CONFIG_FILE_NAME);
}

/** The path as people should read it in messages: `~/.config/perry/config.json`. */
export function displayPath(file: string, home: string = os.homedir()): string {
  if (home !== "" && home !== "/" && (file === home || file.startsWith(`${home}${path.sep}`))) {
    return `~${file.slice(home.length)}`;
  }
  return file;
}
