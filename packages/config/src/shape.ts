/**
 * valibot's object schemas accept arrays (an array is an object to `typeof`), so
 * `"tailscale": []` would pass and be saved back. This walks the schema and finds
 * arrays where an object belongs.
 */
import type { ConfigIssue } from "./errors.js";

interface SchemaNode {
  readonly type: string;
  readonly wrapped?: SchemaNode;
  readonly entries?: Readonly<Record<string, SchemaNode>>;
}

/** Issues for every place in `value` where `schema` expects an object but finds an array. */
export function arraysWhereObjectsBelong(schema: SchemaNode, value: unknown, path = ""): ConfigIssue[] {
  const node = schema.type === "optional" && schema.wrapped ? schema.wrapped : schema;
  if (!node.entries) return [];
  if (Array.isArray(value)) return [{ path, message: "expected an object, got an array" }];
  if (typeof value !== "object" || value === null) return [];
  return Object.entries(node.entries).flatMap(([key, child]) =>
    arraysWhereObjectsBelong(child, (value as Record<string, unknown>)[key], path === "" ? key : `${path}.${key}`),
  );
}
