// Client-side checks that give instant feedback; the agent validates again and
// its per-field errors are shown the same way.

const AUTH_KEY_PREFIXES = ["tskey-auth-", "tskey-client-"];
const PREFIX = /^[a-z0-9][a-z0-9-]*$/;

/** Why an auth key the user pasted cannot be a Tailscale key, or undefined when it looks fine. */
export function checkAuthKey(key: string): string | undefined {
  const text = key.trim();
  if (text === "") return undefined;
  if (!AUTH_KEY_PREFIXES.some((prefix) => text.startsWith(prefix))) {
    return "An auth key starts with tskey-auth- or tskey-client- (generate one in the Tailscale admin console under Settings > Keys).";
  }
  if (/\s/.test(text)) return "The auth key must not contain spaces.";
  return undefined;
}

/** Why a hostname prefix is unusable, or undefined when it is fine (empty means no prefix). */
export function checkHostnamePrefix(prefix: string): string | undefined {
  if (prefix === "") return undefined;
  if (!PREFIX.test(prefix)) return "Use a-z, 0-9 and -, starting with a letter or digit (e.g. perry-).";
  if (prefix.length > 62) return "The prefix must be at most 62 characters, so names still fit one DNS label.";
  return undefined;
}

/** The tailnet hostname a workspace gets with this prefix. */
export function previewHostname(prefix: string, name = "myproject"): string {
  return `${prefix}${name}`;
}
