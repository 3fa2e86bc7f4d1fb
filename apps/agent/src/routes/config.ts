import { type ConfigUpdate, type ConfigView, configUpdateSchema } from "@perry/api-client";
import { type ConfigStore, type EffectiveConfig, maskSecret, tailscaleSettings } from "@perry/config";
import { Hono } from "hono";
import { validate } from "./validate.js";

/** The settings as the API shows them: secrets masked, sources named. */
export function configView(effective: EffectiveConfig): ConfigView {
  const { config } = effective;
  const ts = tailscaleSettings(effective);
  const masked = (value: string | undefined) => (value ? { value: maskSecret(value) } : {});
  const github = masked(config.github.token).value;
  const anthropic = masked(config.agents.anthropicApiKey).value;
  const openai = masked(config.agents.openaiApiKey).value;
  const setup = (config as { setup?: { completed?: unknown } }).setup;
  const anythingConfigured = ts.authKey !== undefined || github !== undefined || anthropic !== undefined || openai !== undefined || config.ssh.authorizedKeys.length > 0;
  return {
    tailscale: {
      enabled: ts.enabled,
      ...(config.tailscale.enabled !== undefined ? { enabledSetting: config.tailscale.enabled } : {}),
      ...(ts.authKey ? { authKey: maskSecret(ts.authKey) } : {}),
      authKeySource: ts.source,
      hostnamePrefix: ts.hostnamePrefix,
      ...(ts.loginServer ? { loginServer: ts.loginServer } : {}),
      tags: [...ts.tags],
    },
    github: github ? { token: github } : {},
    agents: { ...(anthropic ? { anthropicApiKey: anthropic } : {}), ...(openai ? { openaiApiKey: openai } : {}) },
    ssh: { authorizedKeys: [...config.ssh.authorizedKeys] },
    setupComplete: setup?.completed === true || anythingConfigured,
  };
}

/** Turns an API update into a merge patch for config.json (`null` deletes a key). */
export function toMergePatch(update: ConfigUpdate): Record<string, unknown> {
  const { setupComplete, ...sections } = update;
  const patch: Record<string, unknown> = { ...sections };
  if (setupComplete !== undefined) patch.setup = { completed: setupComplete };
  return patch;
}

/** /api/config: read (masked) and change the agent's settings. */
export function configRoutes(store: ConfigStore) {
  return new Hono()
    .get("/", (c) => c.json(configView(store.get()), 200))
    .patch("/", validate("json", configUpdateSchema), async (c) => {
      const effective = await store.update(toMergePatch(c.req.valid("json")) as never);
      return c.json(configView(effective), 200);
    });
}
