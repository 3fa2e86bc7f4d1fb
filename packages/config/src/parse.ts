/** Pure parse → validate of config.json text; no I/O. */
import * as v from "valibot";
import { type Where, invalidConfig, invalidJson } from "./errors.js";
import { toConfigIssues } from "./issues.js";
import { arraysWhereObjectsBelong } from "./shape.js";
import { findJsonSyntaxError } from "./json-position.js";
import { type Config, type ConfigDocument, configSchema } from "./schema.js";

/** A validated document and its defaulted form. */
export interface ParsedConfig {
  /** Exactly what the file holds (validated); what `update` edits and `saveConfig` writes. */
  readonly document: ConfigDocument;
  /** The document with defaults filled in. */
  readonly config: Config;
}

/** Validates an already-decoded document; throws `CONFIG_INVALID` listing every problem. */
export function validateDocument(document: unknown, where: Where): ParsedConfig {
  const misplacedArrays = arraysWhereObjectsBelong(configSchema, document);
  if (misplacedArrays.length > 0) throw invalidConfig(where, misplacedArrays);
  const result = v.safeParse(configSchema, document);
  if (!result.success) throw invalidConfig(where, toConfigIssues(result.issues));
  return { document: document as ConfigDocument, config: result.output };
}

/** Parses config.json text. An empty file counts as `{}` (people `touch` it). */
export function parseConfigText(text: string, where: Where): ParsedConfig {
  // Editors on Windows like to add a byte-order mark; JSON.parse rejects it.
  const body = text.replace(/^\uFEFF/, "");
  if (body.trim() === "") return validateDocument({}, where);
  let decoded: unknown;
  try {
    decoded = JSON.parse(body);
  } catch {
    // V8's SyntaxError quotes the text around the error, which may hold a key, so it is not kept as the cause.
    const found = findJsonSyntaxError(body) ?? { line: 1, column: 1, reason: "not valid JSON" };
    throw invalidJson(where, { line: found.line, column: found.column }, found.reason);
  }
  return validateDocument(decoded, where);
}
