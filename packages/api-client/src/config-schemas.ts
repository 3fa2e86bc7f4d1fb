import * as v from "valibot";

// The agent's settings as clients see and change them. Secrets go out only masked
// (`tskey-auth-…a1b2`) and come in only as replacements: a client never reads one back.

/** Where a setting's effective value comes from. */
export const settingSourceSchema = v.picklist(["file", "env", "none"]);

/** GET /api/config */
export const configViewSchema = v.object({
  tailscale: v.object({
    /** True when workspaces will join the tailnet: a key is set and `enabled` is not false. */
    enabled: v.boolean(),
    /** The `enabled` flag as written in config.json (absent means on when a key is set). */
    enabledSetting: v.optional(v.boolean()),
    authKey: v.optional(v.string()),
    authKeySource: settingSourceSchema,
    hostnamePrefix: v.string(),
    loginServer: v.optional(v.string()),
    tags: v.array(v.string()),
  }),
  github: v.object({ token: v.optional(v.string()) }),
  agents: v.object({ anthropicApiKey: v.optional(v.string()), openaiApiKey: v.optional(v.string()) }),
  ssh: v.object({ authorizedKeys: v.array(v.string()) }),
  /** False until the first-run wizard was finished or skipped, and nothing is configured. */
  setupComplete: v.boolean(),
});
export type ConfigView = v.InferOutput<typeof configViewSchema>;

const secretUpdate = v.optional(v.nullable(v.pipe(v.string(), v.maxLength(4096))));

/** PATCH /api/config — absent keys stay as they are; `null` clears a value. */
export const configUpdateSchema = v.strictObject({
  tailscale: v.optional(
    v.strictObject({
      enabled: v.optional(v.nullable(v.boolean())),
      authKey: secretUpdate,
      hostnamePrefix: v.optional(v.pipe(v.string(), v.maxLength(62))),
      loginServer: v.optional(v.nullable(v.pipe(v.string(), v.maxLength(2048)))),
      tags: v.optional(v.pipe(v.array(v.pipe(v.string(), v.maxLength(128))), v.maxLength(32))),
    }),
  ),
  github: v.optional(v.strictObject({ token: secretUpdate })),
  agents: v.optional(v.strictObject({ anthropicApiKey: secretUpdate, openaiApiKey: secretUpdate })),
  ssh: v.optional(v.strictObject({ authorizedKeys: v.optional(v.pipe(v.array(v.pipe(v.string(), v.maxLength(16384))), v.maxLength(64))) })),
  setupComplete: v.optional(v.boolean()),
});
export type ConfigUpdate = v.InferOutput<typeof configUpdateSchema>;

/** A public key found on the agent's host (`~/.ssh/*.pub`), offered by the setup wizards. */
export const hostSshKeySchema = v.object({ file: v.string(), type: v.string(), comment: v.string(), key: v.string() });
export type HostSshKey = v.InferOutput<typeof hostSshKeySchema>;
/** GET /api/ssh/host-keys */
export const hostSshKeysSchema = v.object({ keys: v.array(hostSshKeySchema) });
