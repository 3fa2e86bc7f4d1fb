import { accessSync, constants, statSync } from "node:fs";
import path from "node:path";

/** Where the Tailscale macOS app (App Store and standalone) keeps its CLI. */
export const MACOS_APP_CLI = "/Applications/Tailscale.app/Contents/MacOS/Tailscale";

/** Environment variables that name the CLI explicitly, first match wins. */
export const TAILSCALE_CLI_ENV_VARS = ["PERRY_TAILSCALE_CLI", "TAILSCALE_CLI"] as const;

/** Inputs of `findTailscale`; all default to this process. */
export interface FindTailscaleOptions {
  readonly env?: NodeJS.ProcessEnv;
  readonly platform?: NodeJS.Platform;
  /** The macOS app bundle's CLI; a parameter so tests can point it elsewhere. */
  readonly macAppCli?: string;
}

/**
 * Finds the `tailscale` CLI: `$PERRY_TAILSCALE_CLI` or `$TAILSCALE_CLI` (taken as given),
 * else the first executable `tailscale` on `PATH`, else the macOS app bundle.
 * Returns undefined when Tailscale is not installed.
 *
 * @example findTailscale({ env: { PATH: "/usr/bin" }, platform: "linux" }) // "/usr/bin/tailscale" or undefined
 */
export function findTailscale(opts: FindTailscaleOptions = {}): string | undefined {
  const env = opts.env ?? process.env;
  const platform = opts.platform ?? process.platform;
  for (const name of TAILSCALE_CLI_ENV_VARS) {
    const override = env[name]?.trim();
    if (override) return override;
  }
  const exe = platform === "win32" ? "tailscale.exe" : "tailscale";
  const dirs = (env.PATH ?? env.Path ?? "").split(platform === "win32" ? ";" : ":").filter((dir) => dir !== "");
  const onPath = dirs.map((dir) => path.join(dir, exe)).find(isExecutableFile);
  if (onPath !== undefined) return onPath;
  const macAppCli = opts.macAppCli ?? MACOS_APP_CLI;
  if (platform === "darwin" && isExecutableFile(macAppCli)) return macAppCli;
  return undefined;
}

function isExecutableFile(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return statSync(file).isFile();
  } catch {
    return false;
  }
}
