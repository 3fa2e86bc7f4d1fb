/** Turns valibot issues into `{ path, message }` pairs that never quote a value. */
import type * as v from "valibot";
import type { ConfigIssue } from "./errors.js";

const ARTICLES: Record<string, string> = {
  string: "a string",
  boolean: "a boolean (true or false)",
  number: "a number",
  Object: "an object",
  Array: "an array",
};

/** `tailscale.tags[0]`, or "" for the whole document. */
export function dotPath(issue: v.BaseIssue<unknown>): string {
  let out = "";
  for (const item of issue.path ?? []) {
    const key = item.key;
    if (typeof key === "number") out += `[${key}]`;
    else out += out === "" ? String(key) : `.${String(key)}`;
  }
  return out;
}

function typeOf(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  if (typeof value === "object") return "an object";
  return typeof value;
}

/**
 * Type mismatches are reworded from the input's type alone, because valibot's
 * default message quotes the received value (which could be a key).
 */
export function toConfigIssues(issues: readonly v.BaseIssue<unknown>[]): ConfigIssue[] {
  return issues.map((issue) => ({
    path: dotPath(issue),
    message:
      issue.kind === "schema"
        ? `expected ${ARTICLES[issue.expected ?? ""] ?? issue.expected ?? "another type"}, got ${typeOf(issue.input)}`
        : issue.message,
  }));
}
