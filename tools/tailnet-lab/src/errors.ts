/** What went wrong while running the lab; stable for tests that assert on it. */
export type LabErrorCode =
  | "DOCKER_FAILED"
  | "GO_BUILD_FAILED"
  | "BINARY_MISSING"
  | "TAILSCALE_FAILED"
  | "ADMIN_API_FAILED"
  | "TIMEOUT";

/** The one error the lab throws; `code` says which part failed, `cause` holds the original. */
export class LabError extends Error {
  override readonly name = "LabError";
  readonly code: LabErrorCode;

  constructor(code: LabErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }
}
