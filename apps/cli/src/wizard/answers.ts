// The pure part of `perry agent config`: checking answers and turning them into one PATCH /api/config.
import type { ConfigUpdate, ConfigView, HostSshKey } from "@perry/api-client";
import { maskSecret } from "@perry/config";
import { checkHostnamePrefix as hostnamePrefixProblem, isParsedAuthKey, parseAuthKey } from "@perry/tailscale";

/** The workspace name the hostname preview uses. */
export const PREVIEW_NAME = "myproject";

/**
 * Why `key` is not a usable auth key, or undefined when it is. With a login server (Headscale) other key
 * formats are fine too — the same rule the agent's config schema applies.
 */
export function checkAuthKey(key: string, options: { loginServer?: string | undefined } = {}): string | undefined {
  const parsed = parseAuthKey(key, { allowOtherFormats: options.loginServer !== undefined });
  return isParsedAuthKey(parsed) ? undefined : parsed.reason;
}

/** Why `prefix` cannot start tailnet hostnames (`<prefix><name>` must be a DNS label), or undefined. */
export function checkHostnamePrefix(prefix: string): string | undefined {
  return hostnamePrefixProblem(prefix)?.reason;
}

/** What a workspace will be called on the tailnet, e.g. `perry-` → `perry-myproject`. */
export function hostnamePreview(prefix: string, name = PREVIEW_NAME): string {
  return `${prefix}${name}`;
}

/** A secret prompt's answer: empty keeps the current value, `-` clears it, anything else replaces it. */
export function secretChange(answer: string): string | null | undefined {
  const text = answer.trim();
  if (text === "") return undefined;
  if (text === "-") return null;
  return text;
}

/** What the wizard collected; undefined means "leave as it is". */
export interface WizardAnswers {
  anthropicApiKey?: string | null;
  openaiApiKey?: string | null;
  githubToken?: string | null;
  tailscaleAuthKey?: string | null;
  hostnamePrefix?: string;
  /** The complete new list of authorized keys. */
  authorizedKeys?: string[];
}

/** The one PATCH the answers amount to; an empty object when nothing changed. */
export function toConfigUpdate(answers: WizardAnswers, current: ConfigView): ConfigUpdate {
  const update: ConfigUpdate = {};
  const agents = {
    ...(answers.anthropicApiKey !== undefined ? { anthropicApiKey: answers.anthropicApiKey } : {}),
    ...(answers.openaiApiKey !== undefined ? { openaiApiKey: answers.openaiApiKey } : {}),
  };
  if (Object.keys(agents).length > 0) update.agents = agents;
  if (answers.githubToken !== undefined) update.github = { token: answers.githubToken };
  const tailscale = {
    ...(answers.tailscaleAuthKey !== undefined ? { authKey: answers.tailscaleAuthKey } : {}),
    ...(answers.hostnamePrefix !== undefined && answers.hostnamePrefix !== current.tailscale.hostnamePrefix ? { hostnamePrefix: answers.hostnamePrefix } : {}),
  };
  if (Object.keys(tailscale).length > 0) update.tailscale = tailscale;
  if (answers.authorizedKeys !== undefined && !sameList(answers.authorizedKeys, current.ssh.authorizedKeys)) {
    update.ssh = { authorizedKeys: answers.authorizedKeys };
  }
  return update;
}

/**
 * The authorized keys after choosing among the host's keys: the chosen host keys plus every key
 * already authorized that is not a host key (added elsewhere, e.g. the web UI), so they are kept.
 */
export function chosenAuthorizedKeys(current: readonly string[], hostKeys: readonly HostSshKey[], chosen: readonly string[]): string[] {
  const offered = new Set(hostKeys.map((key) => key.key));
  return [...current.filter((key) => !offered.has(key)), ...chosen];
}

/** The lines that describe an update, secrets masked (for the confirmation and the result). */
export function describeUpdate(update: ConfigUpdate): string[] {
  const secret = (value: string | null | undefined) => (value === null ? "cleared" : maskSecret(value ?? ""));
  const lines: string[] = [];
  if (update.agents?.anthropicApiKey !== undefined) lines.push(`Anthropic API key: ${secret(update.agents.anthropicApiKey)}`);
  if (update.agents?.openaiApiKey !== undefined) lines.push(`OpenAI API key: ${secret(update.agents.openaiApiKey)}`);
  if (update.github?.token !== undefined) lines.push(`GitHub token: ${secret(update.github.token)}`);
  if (update.tailscale?.authKey !== undefined) lines.push(`Tailscale auth key: ${secret(update.tailscale.authKey)}`);
  if (update.tailscale?.hostnamePrefix !== undefined) {
    lines.push(`Hostname prefix: ${update.tailscale.hostnamePrefix === "" ? "(none)" : update.tailscale.hostnamePrefix} (e.g. ${hostnamePreview(update.tailscale.hostnamePrefix)})`);
  }
  if (update.ssh?.authorizedKeys !== undefined) lines.push(`SSH authorized keys: ${update.ssh.authorizedKeys.length}`);
  return lines;
}

/** The current settings as the wizard shows them (already masked by the agent). */
export function describeConfig(view: ConfigView): string[] {
  const shown = (value: string | undefined) => value ?? "not set";
  return [
    `Anthropic API key: ${shown(view.agents.anthropicApiKey)}`,
    `OpenAI API key: ${shown(view.agents.openaiApiKey)}`,
    `GitHub token: ${shown(view.github.token)}`,
    `Tailscale auth key: ${shown(view.tailscale.authKey)}${view.tailscale.authKeySource === "env" ? " (from PERRY_TAILSCALE_AUTH_KEY)" : ""}`,
    `Hostname prefix: ${view.tailscale.hostnamePrefix === "" ? "(none)" : view.tailscale.hostnamePrefix} (e.g. ${hostnamePreview(view.tailscale.hostnamePrefix)})`,
    `SSH authorized keys: ${view.ssh.authorizedKeys.length}`,
  ];
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((item, i) => item === b[i]);
}
