// Every failure this package throws, and the one place where Docker's own failures are mapped to them.

/** Stable error categories callers switch on. */
export type DockerErrorCode = "DOCKER_UNAVAILABLE" | "IMAGE_NOT_FOUND" | "WORKSPACE_NOT_FOUND" | "WORKSPACE_CONFLICT" | "DOCKER_FAILED";

/** A Docker failure in workspace terms; `code` is stable, `message` is for people. */
export class DockerError extends Error {
  override readonly name = "DockerError";
  readonly code: DockerErrorCode;

  constructor(code: DockerErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }
}

/** What the failing call was about, so the mapped message can name it. */
export interface DockerErrorContext {
  /** e.g. "create workspace foo" */
  action: string;
  /** Socket the client talks to, named in DOCKER_UNAVAILABLE messages. */
  socketPath: string;
  workspace?: string;
  image?: string;
}

const UNREACHABLE = new Set(["ECONNREFUSED", "ENOENT", "EACCES", "EPERM", "ECONNRESET", "EPIPE"]);

/** How to get the workspace image when it is missing. */
export const BUILD_IMAGE_HINT = "build it with `bash scripts/test-env.sh image` or `images/workspace/build.sh`";

/** Maps a dockerode / socket failure to a DockerError (a DockerError passes through unchanged). */
export function mapDockerError(err: unknown, ctx: DockerErrorContext): DockerError {
  if (err instanceof DockerError) return err;
  const e = (err ?? {}) as { code?: string; statusCode?: number; json?: { message?: string }; message?: string };
  const detail = (e.json?.message ?? e.message ?? String(err)).trim();
  if (e.code && UNREACHABLE.has(e.code)) {
    const why = e.code === "EACCES" || e.code === "EPERM" ? "permission denied" : "not reachable";
    return new DockerError(
      "DOCKER_UNAVAILABLE",
      `Docker is ${why} at ${ctx.socketPath} (${e.code}) while trying to ${ctx.action}; is the Docker engine running?`,
      { cause: err },
    );
  }
  if (e.statusCode === 404 && ctx.image && /image|manifest|repository/i.test(detail)) {
    return new DockerError("IMAGE_NOT_FOUND", `Image ${ctx.image} not found; ${BUILD_IMAGE_HINT}.`, { cause: err });
  }
  if (e.statusCode === 404 && ctx.workspace !== undefined) {
    return new DockerError("WORKSPACE_NOT_FOUND", `Workspace ${ctx.workspace} not found.`, { cause: err });
  }
  if (e.statusCode === 409 && ctx.workspace !== undefined) {
    return new DockerError(
      "WORKSPACE_CONFLICT",
      `Cannot ${ctx.action}: workspace ${ctx.workspace} conflicts with an existing container or operation (${detail}).`,
      { cause: err },
    );
  }
  return new DockerError("DOCKER_FAILED", `Docker failed to ${ctx.action}: ${detail}`, { cause: err });
}
