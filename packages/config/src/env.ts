/** Environment variables that override config.json in memory and are never saved. */
import * as v from "valibot";
import { invalidConfig } from "./errors.js";
import { toConfigIssues } from "./issues.js";
import { type Config, configSchema } from "./schema.js";

/** One variable and the config field it overrides. */
export interface EnvOverride {
  readonly env: string;
  /** Dot path of the field, e.g. `tailscale.authKey`. */
  readonly path: string;
}

/** Every supported override; add a row to support another variable. */
export const ENV_OVERRIDES: readonly EnvOverride[] = [{ env: "PERRY_TAILSCALE_AUTH_KEY", path: "tailscale.authKey" }];

/** The config the agent runs with, and which fields the environment set. */
export interface EffectiveConfig {
  readonly config: Config;
  /** Overrides in effect, so a UI can say "set by environment". */
  readonly fromEnv: readonly EnvOverride[];
}

/**
 * Applies `ENV_OVERRIDES` to a loaded config without touching the input. Values are
 * trimmed; empty means unset. An invalid value throws `CONFIG_INVALID` naming the variable.
 */
export function applyEnvOverrides(config: Config, env: NodeJS.ProcessEnv = process.env): EffectiveConfig {
  const merged = structuredClone(config) as Record<string, unknown>;
  const fromEnv: EnvOverride[] = [];
  for (const override of ENV_OVERRIDES) {
    const value = env[override.env]?.trim();
    if (!value) continue;
    setAt(merged, override.path.split("."), value);
    fromEnv.push(override);
  }
  if (fromEnv.length === 0) return { config, fromEnv };
  const result = v.safeParse(configSchema, merged);
  if (!result.success) {
    const issues = toConfigIssues(result.issues);
    const culprit = fromEnv.find((o) => issues.some((i) => i.path === o.path)) ?? fromEnv[0];
    const name = `$${culprit?.env}`;
    throw invalidConfig({ file: name, shown: name }, issues);
  }
  return { config: result.output, fromEnv };
}

function setAt(target: Record<string, unknown>, keys: readonly string[], value: string): void {
  const [key, ...rest] = keys;
  if (key === undefined) return;
  if (rest.length === 0) {
    target[key] = value;
    return;
  }
  const child = target[key];
  const next = typeof child === "object" && child !== null ? (child as Record<string, unknown>) : {};
  target[key] = next;
  setAt(next, rest, value);
}
