/** The only module that reads process.env: everything the CLI takes from the environment. */
import { resolveConfigDir } from "@perry/config";

/** What the CLI reads from the environment. */
export interface CliEnvironment {
  /** `PERRY_AGENT_URL`: agent address, beaten only by `--agent`. */
  agentUrl?: string;
  /** `PERRY_AGENT_TOKEN`: bearer token, beats the settings file. */
  agentToken?: string;
  /** `PERRY_DEBUG=1`: show stacks and causes for failures. */
  debug: boolean;
  /** `TERM`, handed to `perry shell`'s remote terminal (absent or "dumb": xterm-256color). */
  term: string;
  /** Directory of the CLI settings file (`PERRY_CONFIG_DIR`, `$XDG_CONFIG_HOME/perry`, `~/.config/perry`). */
  configDir: string;
}

/** Reads the CLI's environment once. */
export function readEnvironment(env: NodeJS.ProcessEnv = process.env): CliEnvironment {
  const agentUrl = env.PERRY_AGENT_URL?.trim();
  const agentToken = env.PERRY_AGENT_TOKEN?.trim();
  return {
    ...(agentUrl ? { agentUrl } : {}),
    ...(agentToken ? { agentToken } : {}),
    debug: env.PERRY_DEBUG === "1" || env.PERRY_DEBUG === "true",
    term: env.TERM && env.TERM !== "dumb" ? env.TERM : "xterm-256color",
    configDir: resolveConfigDir(env),
  };
}
