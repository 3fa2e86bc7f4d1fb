/** Codes the agent puts in `{ error: { code } }`; stable, scripts may rely on them. */
export const API_ERROR_CODES = [
  "BAD_REQUEST",
  "INVALID_NAME",
  "WORKSPACE_NOT_FOUND",
  "WORKSPACE_EXISTS",
  "WORKSPACE_BUSY",
  "WORKSPACE_NOT_RUNNING",
  "DOCKER_UNAVAILABLE",
  "IMAGE_NOT_FOUND",
  "CONFIG_INVALID",
  "FORBIDDEN",
  "UNAUTHORIZED",
  "NOT_FOUND",
  "PAYLOAD_TOO_LARGE",
  "INTERNAL",
] as const;
/** One of the agent's error codes. */
export type ApiErrorCode = (typeof API_ERROR_CODES)[number];

/** The agent answered with an error body. */
export class ApiError extends Error {
  override readonly name = "ApiError";
  constructor(
    readonly code: ApiErrorCode | (string & {}),
    message: string,
    readonly status: number,
    readonly hint?: string,
    /** Per-field problems of a validation error, by dot path. */
    readonly fields?: readonly { path: string; message: string }[],
  ) {
    super(message);
  }
}

/** No agent answered at the URL (connection refused, DNS failure, timeout). */
export class AgentUnreachableError extends Error {
  override readonly name = "AgentUnreachableError";
  readonly code = "AGENT_UNREACHABLE";
  constructor(
    readonly url: string,
    options?: { cause?: unknown },
  ) {
    super(`cannot reach the Perry agent at ${url}`, options);
  }
}

/** Something answered, but not with the agent's contract (wrong port, proxy page, version skew). */
export class UnexpectedResponseError extends Error {
  override readonly name = "UnexpectedResponseError";
  readonly code = "UNEXPECTED_RESPONSE";
  constructor(
    readonly url: string,
    readonly status: number,
    detail: string,
  ) {
    super(`unexpected response from ${url} (HTTP ${status}): ${detail}`);
  }
}
