/**
 * Every failure this package reports. Messages name the file and the field but
 * never a value, because values may be secrets.
 */

/** Stable codes that the agent maps to HTTP statuses and the CLI to hints. */
export type ConfigErrorCode = "CONFIG_INVALID_JSON" | "CONFIG_INVALID" | "CONFIG_CORRUPT_REFUSING_WRITE" | "CONFIG_IO";

/** One schema problem: a dot path such as `tailscale.authKey` and what is wrong with it. */
export interface ConfigIssue {
  readonly path: string;
  readonly message: string;
}

/** A 1-based line and column in config.json. */
export interface ConfigPosition {
  readonly line: number;
  readonly column: number;
}

/** What went wrong with config.json (or with an environment override of it). */
export class ConfigError extends Error {
  override readonly name = "ConfigError";
  readonly code: ConfigErrorCode;
  /** The config file, or `$VARIABLE` when the bad value came from the environment. */
  readonly file: string;
  /** `file` as shown in messages (`~/.config/perry/config.json`). */
  readonly shownFile: string;
  /** The message without the leading file name, for composing other messages. */
  readonly detail: string;
  readonly issues?: readonly ConfigIssue[];
  readonly position?: ConfigPosition;

  constructor(
    code: ConfigErrorCode,
    where: { file: string; shown: string },
    detail: string,
    extra: { issues?: readonly ConfigIssue[]; position?: ConfigPosition; cause?: unknown } = {},
  ) {
    super(`${where.shown}: ${detail}`, extra.cause === undefined ? undefined : { cause: extra.cause });
    this.code = code;
    this.file = where.file;
    this.shownFile = where.shown;
    this.detail = detail;
    if (extra.issues) this.issues = extra.issues;
    if (extra.position) this.position = extra.position;
  }
}

/** Where a problem is: the real path and the form shown to people (`~/…`). */
export interface Where {
  readonly file: string;
  readonly shown: string;
}

/** config.json is not JSON; points at the first bad character. */
export function invalidJson(where: Where, position: ConfigPosition, reason: string): ConfigError {
  return new ConfigError(
    "CONFIG_INVALID_JSON",
    where,
    `invalid JSON at line ${position.line}, column ${position.column}: ${reason}`,
    { position },
  );
}

/** The value does not match the schema; lists every problem by dot path. */
export function invalidConfig(where: Where, issues: readonly ConfigIssue[]): ConfigError {
  const [first] = issues;
  const head = first ? describeIssue(first) : "invalid configuration";
  const more = issues.length > 1 ? ` (and ${issues.length - 1} more problem${issues.length > 2 ? "s" : ""})` : "";
  return new ConfigError("CONFIG_INVALID", where, `${head}${more}`, { issues });
}

function describeIssue(issue: ConfigIssue): string {
  return issue.path === "" ? issue.message : `${issue.path}: ${issue.message}`;
}

/** Saving over a file that does not load would lose whatever the user had in it. */
export function refusingWrite(corrupt: ConfigError): ConfigError {
  return new ConfigError(
    "CONFIG_CORRUPT_REFUSING_WRITE",
    { file: corrupt.file, shown: corrupt.shownFile },
    `not saving, because the existing file is not valid (${corrupt.detail}); fix it or move it aside, then try again`,
    { ...(corrupt.issues ? { issues: corrupt.issues } : {}), ...(corrupt.position ? { position: corrupt.position } : {}), cause: corrupt },
  );
}

const ERRNO_WORDS: Record<string, string> = {
  ENOSPC: "no space left on the device",
  EDQUOT: "disk quota exceeded",
  EACCES: "permission denied",
  EPERM: "operation not permitted",
  EROFS: "the file system is read-only",
  ENOTDIR: "a parent of the path is not a directory",
  EISDIR: "the path is a directory",
  EMFILE: "too many open files",
  EIO: "input/output error",
};

/** The one place where errno codes from the file system become `CONFIG_IO`. */
export function ioFailure(where: Where, action: string, cause: unknown): ConfigError {
  const code = typeof cause === "object" && cause !== null && "code" in cause ? String(cause.code) : undefined;
  const words = code ? (ERRNO_WORDS[code] ?? code) : cause instanceof Error ? cause.message : String(cause);
  return new ConfigError("CONFIG_IO", where, `could not ${action}: ${words}`, { cause });
}
