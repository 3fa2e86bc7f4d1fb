import type { TailscaleSettings } from "@perry/config";
import type { WorkspaceSettings } from "@perry/docker";
import { workspaceHostname } from "@perry/tailscale";
import type { DesiredTailscale } from "./present.js";

// What the agent hands to a workspace before each start. The files themselves
// (and why they are files, not environment variables) are @perry/docker's contract.

/** The tailnet node Perry wants for workspace `name` under the current settings. */
export function desiredTailscale(settings: TailscaleSettings, name: string): DesiredTailscale {
  if (!settings.enabled) return { enabled: false };
  const result = workspaceHostname(settings.hostnamePrefix, name);
  if ("reason" in result) return { enabled: true, problem: `${result.reason}; change tailscale.hostnamePrefix` };
  return { enabled: true, hostname: result.hostname };
}

/** The settings the entrypoint applies at the next start. */
export function workspaceSettings(
  settings: TailscaleSettings,
  desired: DesiredTailscale,
  authorizedKeys: readonly string[],
  options: { noLogs?: boolean } = {},
): WorkspaceSettings {
  return {
    ...(desired.enabled && desired.hostname
      ? {
          tailscale: {
            hostname: desired.hostname,
            ...(settings.loginServer ? { loginServer: settings.loginServer } : {}),
            ...(settings.tags.length ? { tags: [...settings.tags] } : {}),
            ...(settings.authKey ? { authKey: settings.authKey } : {}),
            ...(options.noLogs ? { noLogs: true } : {}),
          },
        }
      : {}),
    authorizedKeys: authorizedKeys.join("\n"),
  };
}
