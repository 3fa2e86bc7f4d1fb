import { readFileSync } from "node:fs";

/** Reads a captured CLI output from src/fixtures (see its README for where each came from). */
export function readFixture(name: string): string {
  return readFileSync(new URL(`../fixtures/${name}`, import.meta.url), "utf8");
}
