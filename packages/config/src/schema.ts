/**
 * The shape of config.json. Every level is a loose object so keys this version
 * does not know (added by a newer Perry, or by hand) survive a load → save.
 * Custom messages never quote the value: several fields are secrets.
 */
import { checkHostnamePrefix, isParsedAuthKey, parseAuthKey } from "@perry/tailscale";
import * as v from "valibot";

const TAG = /^tag:[A-Za-z][A-Za-z0-9-]*$/;
// An authorized_keys line may start with options (`command="…" ssh-ed25519 AAAA…`).
const OPENSSH_PUBLIC_KEY = /(^|\s)(ssh-[a-z0-9-]+|ecdsa-sha2-[a-z0-9-]+|sk-[a-z0-9@.-]+) [A-Za-z0-9+/]+={0,3}(\s|$)/;

function secret(description: string) {
  return v.optional(v.pipe(v.string(), v.trim(), v.description(description)));
}

/** Why `authKey` is unusable given the rest of the section, or undefined if it is fine. */
function authKeyProblem(section: { authKey?: string | undefined; loginServer?: string | undefined }): string | undefined {
  if (section.authKey === undefined || section.authKey === "") return undefined;
  const parsed = parseAuthKey(section.authKey, { allowOtherFormats: section.loginServer !== undefined });
  return isParsedAuthKey(parsed) ? undefined : parsed.reason;
}

function isClientSecret(authKey: string | undefined): boolean {
  return authKey?.startsWith("tskey-client-") ?? false;
}

const tailscaleSection = v.pipe(
  v.looseObject({
    enabled: v.optional(
      v.pipe(
        v.boolean(),
        v.description(
          "Whether workspaces join the tailnet. Leave it out to join whenever an auth key is set; false turns joining off without deleting the key.",
        ),
      ),
    ),
    authKey: secret(
      "Tailscale auth key (tskey-auth-…) or OAuth client secret (tskey-client-…) that workspaces use to join the tailnet. $PERRY_TAILSCALE_AUTH_KEY overrides it. Other formats are accepted when loginServer is set.",
    ),
    hostnamePrefix: v.optional(
      v.pipe(
        v.string(),
        v.check((prefix) => checkHostnamePrefix(prefix) === undefined, (issue) => prefixReason(issue.input)),
        v.description('Prefix for workspace hostnames on the tailnet: "perry-" makes workspace myproject "perry-myproject".'),
      ),
      "",
    ),
    loginServer: v.optional(
      v.pipe(
        v.string(),
        v.check((url) => /^https?:\/\//.test(url) && URL.canParse(url), "must be an http:// or https:// URL"),
        v.description("Control server URL, for Headscale or a private control plane. Leave it out for Tailscale's own."),
      ),
    ),
    tags: v.optional(
      v.pipe(
        v.array(v.pipe(v.string(), v.regex(TAG, 'must look like "tag:name"'))),
        v.description('ACL tags that workspaces advertise, e.g. ["tag:perry-workspace"]. Required with an OAuth client secret.'),
      ),
      [],
    ),
  }),
  // partialCheck (unlike check) still runs when some other field has the wrong type.
  v.forward(
    v.partialCheck(
      [["authKey"], ["loginServer"]],
      (section) => authKeyProblem(section) === undefined,
      (issue) => authKeyProblem(issue.input as { authKey?: string; loginServer?: string }) ?? "invalid auth key",
    ),
    ["authKey"],
  ),
  v.forward(
    v.partialCheck(
      [["authKey"], ["tags"]],
      (section) => !isClientSecret(section.authKey) || (section.tags?.length ?? 0) > 0,
      'an OAuth client secret (tskey-client-…) needs at least one tag, e.g. ["tag:perry-workspace"]',
    ),
    ["tags"],
  ),
  v.description("Workspace networking: each workspace joins your tailnet as <hostnamePrefix><name>."),
);

function prefixReason(input: unknown): string {
  return (typeof input === "string" ? checkHostnamePrefix(input)?.reason : undefined) ?? "invalid hostname prefix";
}

const sshSection = v.pipe(
  v.looseObject({
    authorizedKeys: v.optional(
      v.pipe(
        v.array(
          v.pipe(
            v.string(),
            v.regex(OPENSSH_PUBLIC_KEY, "must be an OpenSSH public key line, like the contents of ~/.ssh/id_ed25519.pub"),
          ),
        ),
        v.description("OpenSSH public key lines allowed to log in to workspaces as the workspace user."),
      ),
      [],
    ),
  }),
  v.description("SSH access to workspaces."),
);

const githubSection = v.pipe(
  v.looseObject({
    token: secret("GitHub token used to clone private repositories and for gh inside workspaces."),
  }),
  v.description("GitHub credentials."),
);

const agentsSection = v.pipe(
  v.looseObject({
    anthropicApiKey: secret("Anthropic API key for Claude Code in workspaces."),
    openaiApiKey: secret("OpenAI API key for Codex in workspaces."),
  }),
  v.description("Credentials for AI coding agents; other providers' keys may be added alongside."),
);

const agentSection = v.pipe(
  v.looseObject({
    allowedTags: v.optional(
      v.pipe(
        v.array(v.pipe(v.string(), v.regex(TAG, 'must look like "tag:name"'))),
        v.description(
          'Tailnet devices with one of these ACL tags may use the agent (e.g. ["tag:ci"]). Tagged devices are refused otherwise; Perry\'s own workspaces always are.',
        ),
      ),
      [],
    ),
  }),
  v.description("Who may use the Perry agent besides your own devices."),
);

/** The schema of config.json; parsing fills in defaults, unknown keys pass through. */
export const configSchema = v.pipe(
  v.looseObject({
    tailscale: v.optional(tailscaleSection, {}),
    ssh: v.optional(sshSection, {}),
    github: v.optional(githubSection, {}),
    agents: v.optional(agentsSection, {}),
    agent: v.optional(agentSection, {}),
  }),
  v.description("Perry configuration (~/.config/perry/config.json)."),
);

/** config.json as written in the file: every key optional, unknown keys kept. */
export type ConfigDocument = v.InferInput<typeof configSchema>;

/** config.json after parsing: defaults filled in. */
export type Config = v.InferOutput<typeof configSchema>;
