/** The CLI's own errors, and the one place every failure becomes a message, a hint and an exit code. */
import type { AgentStartError } from "@perry/agent";
import { AgentUnreachableError, ApiError, UnexpectedResponseError } from "@perry/api-client";

/** Why the CLI itself refused or failed (before or without asking the agent). */
export type CliErrorCode =
  | "INVALID_NAME"
  | "INVALID_AGENT_URL"
  | "SETTINGS_INVALID"
  | "SETTINGS_IO"
  | "NO_TTY"
  | "BAD_INPUT"
  | "CANCELLED"
  | "TERMINAL_FAILED"
  | "CLONE_FAILED";

/** A failure found by the CLI itself; `hint` is the next step for the user. */
export class CliError extends Error {
  override readonly name = "CliError";
  constructor(
    readonly code: CliErrorCode,
    message: string,
    readonly hint?: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** Exit codes scripts can rely on. */
export const EXIT_CODES = {
  failure: 1,
  badInput: 2,
  agentUnreachable: 3,
  notFound: 4,
  conflict: 5,
  dockerProblem: 6,
  /** Ctrl+C in an interactive prompt (128 + SIGINT, as shells report it). */
  cancelled: 130,
} as const;

const EXIT_BY_CODE: Readonly<Record<string, number>> = {
  BAD_REQUEST: EXIT_CODES.badInput,
  INVALID_NAME: EXIT_CODES.badInput,
  INVALID_AGENT_URL: EXIT_CODES.badInput,
  NO_TTY: EXIT_CODES.badInput,
  BAD_INPUT: EXIT_CODES.badInput,
  CANCELLED: EXIT_CODES.cancelled,
  PAYLOAD_TOO_LARGE: EXIT_CODES.badInput,
  WORKSPACE_NOT_FOUND: EXIT_CODES.notFound,
  WORKSPACE_EXISTS: EXIT_CODES.conflict,
  WORKSPACE_BUSY: EXIT_CODES.conflict,
  WORKSPACE_NOT_RUNNING: EXIT_CODES.conflict,
  PORT_IN_USE: EXIT_CODES.conflict,
  DOCKER_UNAVAILABLE: EXIT_CODES.dockerProblem,
  IMAGE_NOT_FOUND: EXIT_CODES.dockerProblem,
  AGENT_UNREACHABLE: EXIT_CODES.agentUnreachable,
};

// Used only when the agent sent no hint of its own.
const DEFAULT_HINTS: Readonly<Record<string, string>> = {
  UNAUTHORIZED: "Set the agent's token with `perry config agent <host> --token <token>` or PERRY_AGENT_TOKEN",
  WORKSPACE_NOT_FOUND: "See your workspaces with `perry list`",
};

/** A failure as the user sees it. */
export interface Failure {
  code: string;
  message: string;
  hint?: string;
  exitCode: number;
  /** Stack and causes, shown only with PERRY_DEBUG=1. */
  detail?: string;
}

/** Maps any thrown value to what the CLI prints and the code it exits with. */
export function toFailure(error: unknown): Failure {
  if (error instanceof AgentUnreachableError) {
    return {
      code: error.code,
      message: error.message,
      hint: "Start it with `perry agent run`, or point the CLI at another agent with `perry config agent <host>`",
      exitCode: EXIT_CODES.agentUnreachable,
      detail: describe(error),
    };
  }
  if (error instanceof ApiError || error instanceof CliError) {
    return withCode(error.code, error.message, error.hint ?? DEFAULT_HINTS[error.code], describe(error));
  }
  if (error instanceof UnexpectedResponseError) {
    const hint = "Is that address a Perry agent of the same version? Check it with `perry config agent`";
    return withCode(error.code, error.message, hint, describe(error));
  }
  if (isAgentStartError(error)) return withCode(error.code, error.message, undefined, describe(error));
  const message = error instanceof Error ? error.message : String(error);
  return withCode("INTERNAL", `internal error: ${message}`, "Run again with PERRY_DEBUG=1 for details", describe(error));
}

function withCode(code: string, message: string, hint: string | undefined, detail: string): Failure {
  return { code, message, ...(hint ? { hint } : {}), exitCode: EXIT_BY_CODE[code] ?? EXIT_CODES.failure, detail };
}

/** The one or two lines printed to stderr; the debug detail follows only when asked for. */
export function formatFailure(failure: Failure, debug: boolean): string {
  const lines = [`Error: ${failure.message}`];
  if (failure.hint) lines.push(`Hint: ${failure.hint}`);
  if (debug && failure.detail) lines.push("", failure.detail);
  return `${lines.join("\n")}\n`;
}

/** The `--json` shape of a failure (printed on stdout, as oclif does for `--json`). */
export function failureJson(failure: Failure): { error: { code: string; message: string; hint?: string } } {
  return { error: { code: failure.code, message: failure.message, ...(failure.hint ? { hint: failure.hint } : {}) } };
}

// Recognised by shape so that every other command does not load the whole agent just to map errors.
function isAgentStartError(error: unknown): error is AgentStartError {
  return error instanceof Error && error.name === "AgentStartError" && typeof (error as { code?: unknown }).code === "string";
}

function describe(error: unknown): string {
  const parts: string[] = [];
  let current: unknown = error;
  for (let depth = 0; current !== undefined && depth < 5; depth++) {
    parts.push(current instanceof Error ? (current.stack ?? current.message) : String(current));
    current = current instanceof Error ? current.cause : undefined;
    if (current !== undefined) parts.push("Caused by:");
  }
  return parts.join("\n");
}
