import type { ApiErrorCode } from "@perry/api-client";

/** A failure the workspace service reports in API terms (code, message, optional hint). */
export class ServiceError extends Error {
  override readonly name = "ServiceError";
  constructor(
    readonly code: ApiErrorCode,
    message: string,
    readonly hint?: string,
    options?: { cause?: unknown; fields?: { path: string; message: string }[] },
  ) {
    super(message, options);
    this.fields = options?.fields;
  }
  readonly fields: { path: string; message: string }[] | undefined;
}
