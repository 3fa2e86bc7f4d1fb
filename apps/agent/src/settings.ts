import { homedir } from "node:os";
import { join } from "node:path";

/** Everything the agent reads from its environment, in one typed object. Nothing else touches `process.env`. */
export interface AgentSettings {
  port: number;
  host: string;
  /** Workspace image to create containers from. */
  image: string;
  /** Docker socket (from DOCKER_HOST=unix://…), or undefined for dockerode's default. */
  dockerSocket?: string;
  /** Where the agent keeps derived, rebuildable state (workspace status reports). */
  stateDir: string;
  /** Override for the tailscale CLI, for hosts where it is not on PATH. */
  tailscaleCli?: string;
  /** tailscaled socket of the host, when not the default. */
  tailscaleSocket?: string;
  /** PERRY_TAILSCALE_NO_LOGS=1: workspaces run tailscaled with --no-logs-no-support (no log upload). */
  tailscaleNoLogs: boolean;
  /** Set to "0" to skip Tailscale detection and Serve at startup. */
  tailscaleServe: boolean;
  /** PERRY_DEBUG=1: internal errors are logged with their stack. */
  debug: boolean;
  /** Version string reported by /api/health. */
  version: string;
  /** Listen on every interface (`--listen-all` or PERRY_AGENT_LISTEN_ALL=1); the host becomes 0.0.0.0. */
  listenAll: boolean;
  /** PERRY_GITHUB_HOST: a host besides github.com whose HTTPS clones get the GitHub token (GitHub Enterprise). */
  githubHost?: string;
}

/** The agent's default port (user docs: http://localhost:7391). */
export const DEFAULT_PORT = 7391;

/** Reads `env` once into settings; flags passed to `startAgent` win over it. */
export function readSettings(env: NodeJS.ProcessEnv, overrides: { port?: number; host?: string; listenAll?: boolean } = {}): AgentSettings {
  const listenAll = overrides.listenAll ?? env.PERRY_AGENT_LISTEN_ALL === "1";
  const dockerHost = env.DOCKER_HOST;
  const stateHome = env.XDG_STATE_HOME || join(homedir(), ".local", "state");
  return {
    port: overrides.port ?? parsePort(env.PERRY_AGENT_PORT) ?? DEFAULT_PORT,
    host: overrides.host ?? env.PERRY_AGENT_HOST ?? (listenAll ? "0.0.0.0" : "127.0.0.1"),
    listenAll,
    image: env.PERRY_WORKSPACE_IMAGE || "perry-workspace:latest",
    ...(dockerHost?.startsWith("unix://") ? { dockerSocket: dockerHost.slice("unix://".length) } : {}),
    stateDir: env.PERRY_STATE_DIR || join(stateHome, "perry"),
    ...(env.PERRY_TAILSCALE_CLI ? { tailscaleCli: env.PERRY_TAILSCALE_CLI } : {}),
    ...(env.PERRY_TAILSCALE_SOCKET ? { tailscaleSocket: env.PERRY_TAILSCALE_SOCKET } : {}),
    tailscaleServe: env.PERRY_TAILSCALE_SERVE !== "0",
    tailscaleNoLogs: env.PERRY_TAILSCALE_NO_LOGS === "1",
    debug: env.PERRY_DEBUG === "1",
    ...(env.PERRY_GITHUB_HOST?.trim() ? { githubHost: env.PERRY_GITHUB_HOST.trim() } : {}),
    version: AGENT_VERSION,
  };
}

/** The agent's version, kept in step with package.json by hand (it is printed by `perry --version` too). */
export const AGENT_VERSION = "0.1.0";

function parsePort(text: string | undefined): number | undefined {
  if (text === undefined || text === "") return undefined;
  const port = Number(text);
  return Number.isInteger(port) && port > 0 && port < 65536 ? port : undefined;
}
