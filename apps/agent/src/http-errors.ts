import type { ApiErrorCode, ErrorBody } from "@perry/api-client";
import { ConfigError } from "@perry/config";
import { DockerError } from "@perry/docker";
import { HTTPException } from "hono/http-exception";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { ServiceError } from "./service/errors.js";

// The one place where failures from the packages become HTTP answers.

const STATUS: Record<ApiErrorCode, ContentfulStatusCode> = {
  BAD_REQUEST: 400,
  INVALID_NAME: 400,
  CONFIG_INVALID: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  WORKSPACE_NOT_FOUND: 404,
  NOT_FOUND: 404,
  WORKSPACE_EXISTS: 409,
  WORKSPACE_BUSY: 409,
  WORKSPACE_NOT_RUNNING: 409,
  PAYLOAD_TOO_LARGE: 413,
  INTERNAL: 500,
  DOCKER_UNAVAILABLE: 503,
  IMAGE_NOT_FOUND: 503,
};

/** An error ready to send: status plus `{ error: { code, message, hint?, fields? } }`. */
export interface ErrorResponse {
  status: ContentfulStatusCode;
  body: ErrorBody;
}

/** Maps any thrown value to the API's error shape; unknown errors become INTERNAL without details. */
export function toErrorResponse(error: unknown): ErrorResponse {
  if (error instanceof ServiceError) {
    return make(error.code, error.message, error.hint, error.fields);
  }
  if (error instanceof DockerError) {
    switch (error.code) {
      case "DOCKER_UNAVAILABLE":
        return make("DOCKER_UNAVAILABLE", error.message, "Start Docker (e.g. `sudo systemctl start docker`), then retry.");
      case "IMAGE_NOT_FOUND":
        return make("IMAGE_NOT_FOUND", error.message, "Build it with `bash scripts/test-env.sh image` from a Perry checkout.");
      case "WORKSPACE_NOT_FOUND":
        return make("WORKSPACE_NOT_FOUND", error.message, "See existing workspaces with `perry list`.");
      case "WORKSPACE_CONFLICT":
        return make("WORKSPACE_EXISTS", error.message);
      default:
        return make("INTERNAL", `Docker failed: ${error.message}`);
    }
  }
  if (error instanceof ConfigError) {
    const fields = error.issues?.map((issue) => ({ path: issue.path, message: issue.message }));
    return make("CONFIG_INVALID", error.message, undefined, fields);
  }
  if (error instanceof HTTPException) {
    const code: ApiErrorCode = error.status === 413 ? "PAYLOAD_TOO_LARGE" : error.status === 404 ? "NOT_FOUND" : "BAD_REQUEST";
    return { status: error.status as ContentfulStatusCode, body: { error: { code, message: error.message || "bad request" } } };
  }
  return make("INTERNAL", "internal error in the Perry agent; see the agent's log for details");
}

function make(code: ApiErrorCode, message: string, hint?: string, fields?: { path: string; message: string }[]): ErrorResponse {
  return {
    status: STATUS[code],
    body: { error: { code, message, ...(hint ? { hint } : {}), ...(fields?.length ? { fields } : {}) } },
  };
}
