import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { findTailscale } from "./find.js";

const root = mkdtempSync(path.join(tmpdir(), "perry-find-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function file(rel: string, mode: number): string {
  const full = path.join(root, rel);
  mkdirSync(path.dirname(full), { recursive: true });
  writeFileSync(full, "#!/bin/sh\n");
  chmodSync(full, mode);
  return full;
}

const onPath = file("bin/tailscale", 0o755);
const notExecutable = file("noexec/tailscale", 0o644);
const macApp = file("Tailscale.app/Contents/MacOS/Tailscale", 0o755);
const empty = path.join(root, "empty");
mkdirSync(empty);
mkdirSync(path.join(root, "dir-named/tailscale"), { recursive: true });

describe("findTailscale", () => {
  it.each([
    ["PERRY_TAILSCALE_CLI wins over everything", { PERRY_TAILSCALE_CLI: "/opt/ts", TAILSCALE_CLI: "/x", PATH: path.dirname(onPath) }, "linux", "/opt/ts"],
    ["TAILSCALE_CLI is the second override", { TAILSCALE_CLI: "/x", PATH: path.dirname(onPath) }, "linux", "/x"],
    ["finds the first executable on PATH", { PATH: `${empty}:${path.dirname(notExecutable)}:${path.dirname(onPath)}` }, "linux", onPath],
    ["skips a directory named tailscale", { PATH: `${path.join(root, "dir-named")}` }, "linux", undefined],
    ["is undefined without PATH", {}, "linux", undefined],
    ["falls back to the macOS app on darwin", { PATH: empty }, "darwin", macApp],
    ["ignores the macOS app elsewhere", { PATH: empty }, "linux", undefined],
  ] as const)("%s", (_name, env, platform, expected) => {
    expect(findTailscale({ env, platform, macAppCli: macApp })).toBe(expected);
  });

  it("is undefined on macOS when the app is not installed", () => {
    expect(findTailscale({ env: { PATH: empty }, platform: "darwin", macAppCli: path.join(root, "missing") })).toBeUndefined();
  });
});
