/** The CLI's own settings file, `<config dir>/cli.json` (apart from the agent's config.json). */
import { randomBytes } from "node:crypto";
import { chmod, mkdir, open, readFile, rename, unlink } from "node:fs/promises";
import path from "node:path";
import * as v from "valibot";
import { CliError } from "./errors.js";

/** The settings file's name inside the config directory. */
export const CLI_SETTINGS_FILE_NAME = "cli.json";

const cliSettingsSchema = v.object({
  /** The agent this CLI talks to, as `agentUrlFrom` normalised it. */
  agentUrl: v.optional(v.pipe(v.string(), v.url())),
  /** Bearer token for that agent. */
  token: v.optional(v.pipe(v.string(), v.minLength(1))),
});

/** What `perry config agent` stores. */
export type CliSettings = v.InferOutput<typeof cliSettingsSchema>;

/** `<dir>/cli.json`. */
export function cliSettingsPath(dir: string): string {
  return path.join(dir, CLI_SETTINGS_FILE_NAME);
}

/** Reads the settings file; a missing file means no settings. */
export async function loadCliSettings(dir: string): Promise<CliSettings> {
  const file = cliSettingsPath(dir);
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return {};
    throw new CliError("SETTINGS_IO", `cannot read ${file}: ${(error as Error).message}`, undefined, { cause: error });
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw invalid(file, (error as Error).message, error);
  }
  const parsed = v.safeParse(cliSettingsSchema, data);
  if (!parsed.success) throw invalid(file, v.summarize(parsed.issues).replaceAll("\n", "; "));
  return parsed.output;
}

/** Writes the settings file atomically (temp file + rename), mode 0600, in a 0700 directory. */
export async function saveCliSettings(dir: string, settings: CliSettings): Promise<string> {
  const file = cliSettingsPath(dir);
  const temp = path.join(dir, `.${CLI_SETTINGS_FILE_NAME}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`);
  try {
    const created = await mkdir(dir, { recursive: true, mode: 0o700 });
    // mkdir's mode passes through the umask; a directory we create must end up exactly 0700.
    if (created !== undefined) await chmod(dir, 0o700);
    const handle = await open(temp, "wx", 0o600);
    try {
      await handle.chmod(0o600);
      await handle.writeFile(`${JSON.stringify(settings, null, 2)}\n`, "utf8");
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, file);
  } catch (error) {
    await unlink(temp).catch(() => undefined);
    throw new CliError("SETTINGS_IO", `cannot save ${file}: ${(error as Error).message}`, undefined, { cause: error });
  }
  return file;
}

function invalid(file: string, reason: string, cause?: unknown): CliError {
  return new CliError(
    "SETTINGS_INVALID",
    `${file} is not valid: ${reason}`,
    "Fix the file, or delete it and run `perry config agent <host>` again",
    { cause },
  );
}
