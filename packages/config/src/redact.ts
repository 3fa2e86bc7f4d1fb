/** Copies of the config that are safe to log or send to a browser. */
import { maskAuthKey } from "@perry/tailscale";

// Sections whose every value is a credential.
const SECRET_SECTIONS = new Set(["agents"]);
const SECRET_NAME = /token|secret|key$/i;
// Names that match SECRET_NAME but hold nothing secret.
const NOT_SECRET = new Set(["authorizedKeys", "hostnamePrefix"]);

/**
 * Masks a secret down to its last four characters, or to nothing when it is too
 * short for four characters to be safe to show. Tailscale keys keep their kind prefix.
 *
 * @example maskSecret("ghp_abcdefghijklmnop1234") // "…1234"
 */
export function maskSecret(value: string): string {
  const trimmed = value.trim();
  if (trimmed === "") return "";
  if (trimmed.startsWith("tskey-")) return maskAuthKey(trimmed);
  return trimmed.length >= 12 ? `…${trimmed.slice(-4)}` : "…";
}

/**
 * A deep copy with every secret masked: `tailscale.authKey`, `github.token`, all of
 * `agents`, and any key named like a token, secret or key (unknown keys too).
 */
export function redactConfig<T>(config: T): T {
  return redact(config, false) as T;
}

function redact(value: unknown, secret: boolean): unknown {
  if (typeof value === "string") return secret ? maskSecret(value) : value;
  if (Array.isArray(value)) return value.map((item) => redact(item, secret));
  if (typeof value !== "object" || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(value)) {
    const childSecret = secret || SECRET_SECTIONS.has(key) || (SECRET_NAME.test(key) && !NOT_SECRET.has(key));
    out[key] = redact(child, childSecret);
  }
  return out;
}
