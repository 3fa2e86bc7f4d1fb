/**
 * Finds where JSON text first goes wrong. V8's `JSON.parse` messages only sometimes
 * carry a position and some quote the surrounding text (which may hold a secret),
 * so we scan the text ourselves and word the reason ourselves.
 */
import type { ConfigPosition } from "./errors.js";

/** The first syntax error: its 1-based line/column and a reason that quotes no input. */
export interface JsonSyntaxError extends ConfigPosition {
  readonly reason: string;
}

class Stop {
  constructor(
    readonly offset: number,
    readonly reason: string,
  ) {}
}

/** Returns the first syntax error in `text`, or undefined if it is valid JSON. */
export function findJsonSyntaxError(text: string): JsonSyntaxError | undefined {
  try {
    const end = skipSpace(text, parseValue(text, skipSpace(text, 0)));
    if (end < text.length) throw new Stop(end, "unexpected text after the end of the JSON value");
    return undefined;
  } catch (error) {
    if (!(error instanceof Stop)) throw error;
    return { ...lineAndColumn(text, error.offset), reason: error.reason };
  }
}

function lineAndColumn(text: string, offset: number): ConfigPosition {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text[i] === "\n") {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

function skipSpace(text: string, i: number): number {
  while (i < text.length && " \t\n\r".includes(text[i] as string)) i++;
  return i;
}

function unexpected(text: string, i: number, expected: string): Stop {
  return new Stop(i, i >= text.length ? `unexpected end of file, expected ${expected}` : `expected ${expected}`);
}

/** Parses one value starting at `i` (no leading space) and returns the offset after it. */
function parseValue(text: string, i: number): number {
  const c = text[i];
  if (c === "{") return parseContainer(text, i, "}", true);
  if (c === "[") return parseContainer(text, i, "]", false);
  if (c === '"') return parseString(text, i);
  if (c === "-" || (c !== undefined && c >= "0" && c <= "9")) return parseNumber(text, i);
  for (const word of ["true", "false", "null"]) {
    if (text.startsWith(word, i)) return i + word.length;
  }
  if (c === "'") throw new Stop(i, "strings must use double quotes");
  throw unexpected(text, i, "a value (object, array, string, number, true, false or null)");
}

function parseContainer(text: string, open: number, close: string, isObject: boolean): number {
  let i = skipSpace(text, open + 1);
  if (text[i] === close) return i + 1;
  for (;;) {
    if (isObject) {
      if (text[i] !== '"') {
        const trailing = text[i] === close ? " (trailing commas are not allowed)" : "";
        throw unexpected(text, i, `a property name in double quotes${trailing}`);
      }
      i = skipSpace(text, parseString(text, i));
      if (text[i] !== ":") throw unexpected(text, i, "':' after the property name");
      i = skipSpace(text, i + 1);
    } else if (text[i] === close) {
      throw new Stop(i, "expected a value (trailing commas are not allowed)");
    }
    i = skipSpace(text, parseValue(text, i));
    if (text[i] === close) return i + 1;
    if (text[i] !== ",") throw unexpected(text, i, `',' or '${close}'`);
    i = skipSpace(text, i + 1);
  }
}

function parseString(text: string, open: number): number {
  for (let i = open + 1; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22) return i + 1;
    if (c < 0x20) throw new Stop(i, "line break or control character inside a string");
    if (c === 0x5c) {
      const e = text[i + 1];
      if (e === "u") {
        if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) throw new Stop(i, "bad \\u escape in a string");
        i += 5;
      } else if (e !== undefined && '"\\/bfnrt'.includes(e)) {
        i++;
      } else {
        throw new Stop(i, "bad escape in a string");
      }
    }
  }
  throw new Stop(text.length, "unexpected end of file inside a string");
}

function parseNumber(text: string, start: number): number {
  const match = /^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?/.exec(text.slice(start));
  if (!match) throw new Stop(start, "malformed number");
  return start + match[0].length;
}
