/** The tailscale settings the agent acts on. */
import type { EffectiveConfig } from "./env.js";

/** Who supplied the tailnet auth key in use. */
export type TailscaleKeySource = "file" | "env" | "none";

/** The tailscale settings the agent acts on, with defaults and overrides applied. */
export interface TailscaleSettings {
  /** True when a key is set and `enabled` is not explicitly false. */
  readonly enabled: boolean;
  readonly authKey?: string;
  readonly hostnamePrefix: string;
  readonly loginServer?: string;
  readonly tags: readonly string[];
  readonly source: TailscaleKeySource;
}

/** Derives the effective tailscale settings, e.g. to decide whether a workspace joins the tailnet. */
export function tailscaleSettings(effective: EffectiveConfig): TailscaleSettings {
  const section = effective.config.tailscale;
  const authKey = section.authKey === "" ? undefined : section.authKey;
  const source: TailscaleKeySource =
    authKey === undefined ? "none" : effective.fromEnv.some((o) => o.path === "tailscale.authKey") ? "env" : "file";
  return {
    enabled: authKey !== undefined && section.enabled !== false,
    ...(authKey !== undefined ? { authKey } : {}),
    hostnamePrefix: section.hostnamePrefix,
    ...(section.loginServer !== undefined ? { loginServer: section.loginServer } : {}),
    tags: section.tags,
    source,
  };
}
