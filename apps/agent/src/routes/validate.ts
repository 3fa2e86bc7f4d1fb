import { vValidator } from "@hono/valibot-validator";
import type { ValidationTargets } from "hono";
import type { GenericSchema } from "valibot";
import { toErrorResponse } from "../http-errors.js";
import { ServiceError } from "../service/errors.js";

/**
 * The valibot validator with the one hook that shapes every 400: the first issue as
 * the message, every issue as `fields` with its dot path.
 */
export function validate<T extends keyof ValidationTargets, S extends GenericSchema>(target: T, schema: S) {
  return vValidator(target, schema, (result, c) => {
    if (result.success) return;
    const fields = result.issues.map((issue) => ({
      path: issue.path?.map((p) => String(p.key)).join(".") || target,
      message: issue.message,
    }));
    const first = fields[0];
    const message = first ? `${first.path}: ${first.message}` : "invalid request";
    const { status, body } = toErrorResponse(new ServiceError(fields.some((f) => f.path === "name") ? "INVALID_NAME" : "BAD_REQUEST", message, undefined, { fields }));
    return c.json(body, status);
  });
}
