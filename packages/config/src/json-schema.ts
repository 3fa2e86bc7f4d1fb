/** JSON Schema for config.json, so editors can check and complete it. */
import { toJsonSchema } from "@valibot/to-json-schema";
import { configSchema } from "./schema.js";

/**
 * The config schema as JSON Schema (draft-07). Cross-field checks (auth key format,
 * hostname prefix rules) cannot be expressed there and are left out.
 */
export function configJsonSchema(): Record<string, unknown> {
  return toJsonSchema(configSchema, { errorMode: "ignore" }) as Record<string, unknown>;
}
