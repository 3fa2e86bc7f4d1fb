/** Which agent the CLI talks to, and with which token. */
import { DEFAULT_AGENT_URL, agentUrlFrom } from "@perry/api-client";
import { CliError } from "./errors.js";
import type { CliSettings } from "./settings.js";

/** Where the agent URL came from, for `perry config agent`. */
export type AgentUrlSource = "flag" | "env" | "settings" | "default";

/** The resolved agent address. */
export interface AgentTarget {
  url: string;
  source: AgentUrlSource;
  token?: string;
  tokenSource?: "env" | "settings";
}

/**
 * Picks the agent URL from `--agent` > `PERRY_AGENT_URL` > settings file > default, and the
 * token from `PERRY_AGENT_TOKEN` > settings file. The stored token is sent only to the stored
 * agent, so `--agent other-host` never leaks it to another machine.
 */
export function resolveAgentTarget(input: { flag?: string; envUrl?: string; envToken?: string; settings: CliSettings }): AgentTarget {
  const { flag, envUrl, envToken, settings } = input;
  const [raw, source]: [string, AgentUrlSource] = flag
    ? [flag, "flag"]
    : envUrl
      ? [envUrl, "env"]
      : settings.agentUrl
        ? [settings.agentUrl, "settings"]
        : [DEFAULT_AGENT_URL, "default"];
  const url = normaliseAgentUrl(raw);
  if (envToken) return { url, source, token: envToken, tokenSource: "env" };
  if (settings.token && settings.agentUrl !== undefined && normaliseAgentUrl(settings.agentUrl) === url) {
    return { url, source, token: settings.token, tokenSource: "settings" };
  }
  return { url, source };
}

/** `agentUrlFrom`, with a typed error for input that is not a host or URL. */
export function normaliseAgentUrl(input: string): string {
  try {
    return agentUrlFrom(input);
  } catch (error) {
    throw new CliError("INVALID_AGENT_URL", `"${input}" is not a host name or URL`, "Use a host (my-box), host:port (my-box:7391) or a URL (http://my-box:7391)", {
      cause: error,
    });
  }
}
