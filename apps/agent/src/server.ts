import type { Server } from "node:http";
import { type ConfigStore, ConfigError, createConfigStore } from "@perry/config";
import { createWorkspaceDocker, type WorkspaceDocker } from "@perry/docker";
import { watchWorkspaces } from "./service/watch.js";
import { watchConfigFile } from "./config-watch.js";
import { attachTerminal, type TerminalAttachment } from "./terminal/upgrade.js";
import { webDistDir } from "@perry/web";
import type { AgentTailscale } from "@perry/api-client";
import { existsSync } from "node:fs";
import { createApp } from "./app.js";
import { AgentStartError } from "./errors.js";
import { boundPort, close, listen } from "./listen.js";
import { WorkspaceEvents } from "./service/events.js";
import { TailscaleReports } from "./service/reports.js";
import { WorkspaceService } from "./service/workspaces.js";
import { type AgentSettings, readSettings } from "./settings.js";
import { NO_TAILSCALE, detectTailscale, setUpServe } from "./tailscale/startup.js";
import { createTailscaleClient, type ServeHandle, type TailscaleClient } from "@perry/tailscale";
import { dirname } from "node:path";
import { createAccessDeps } from "./auth/deps.js";

/** How to run the agent. Everything has a default; `perry agent run` passes its flags here. */
export interface StartAgentOptions {
  /** Default 7391 (or $PERRY_AGENT_PORT). */
  port?: number;
  /** Default 127.0.0.1 (or $PERRY_AGENT_HOST). */
  host?: string;
  /** Listen on every interface (0.0.0.0); refused otherwise. `perry agent run --listen-all`. */
  listenAll?: boolean;
  /** Where `[agent] …` lines go; default stdout. */
  log?: (line: string) => void;
  /** Environment to read settings from; default process.env. */
  env?: NodeJS.ProcessEnv;
}

/** A started agent. */
export interface RunningAgent {
  /** e.g. http://localhost:7391 */
  url: string;
  port: number;
  /** Stops listening, removes what the agent added to Tailscale Serve, closes streams. */
  close(): Promise<void>;
}

/** Starts the agent (HTTP API + web UI). Rejects with `AgentStartError` (PORT_IN_USE, CONFIG_INVALID, …). */
export async function startAgent(options: StartAgentOptions = {}): Promise<RunningAgent> {
  const env = options.env ?? process.env;
  const log = options.log ?? ((line: string) => console.log(line));
  const settings = readSettings(env, { ...(options.port !== undefined ? { port: options.port } : {}), ...(options.host ? { host: options.host } : {}), ...(options.listenAll ? { listenAll: true } : {}) });
  checkListenHost(settings);
  const config = await loadConfig(env);

  let url = "";
  const tailscale = createTailscaleClient({
    env,
    ...(settings.tailscaleCli ? { cliPath: settings.tailscaleCli } : {}),
    ...(settings.tailscaleSocket ? { socketPath: settings.tailscaleSocket } : {}),
  });
  const listenHosts = [settings.host];
  const agent = buildAgent({ settings, config, log, url: () => url, tailscaleClient: tailscale, listenHosts: () => listenHosts });
  if (settings.listenAll) log(`[agent] WARNING: listening on all interfaces (${settings.host}:${settings.port}); devices outside this machine and its tailnet need the agent token (perry agent token)`);
  const detection = settings.tailscaleServe ? await detectTailscale(tailscale, log) : undefined;

  const servers: Server[] = [];
  const terminals: TerminalAttachment[] = [];
  // Every listener also accepts the terminal's WebSocket upgrades, through the same app and middleware.
  const open = async (host: string, port: number) => {
    const server = await listen(agent.app.fetch, host, port);
    servers.push(server);
    terminals.push(attachTerminal(server, agent.app));
    return server;
  };
  const port = boundPort(await open(settings.host, settings.port));
  url = `http://${displayHost(settings.host)}:${port}`;

  let serveHandle: ServeHandle | undefined;
  let after: string[] = [];
  if (detection) {
    const outcome = await setUpServe(tailscale, detection, port, log);
    serveHandle = outcome.handle;
    after = outcome.after;
    let view = outcome.view;
    if (outcome.listenOnTailnet && detection.status.ipv4) {
      const ip = detection.status.ipv4;
      try {
        await open(ip, port);
        listenHosts.push(ip);
        view = { ...view, tailnetUrl: `http://${ip}:${port}` };
        after.push(`[agent] Agent accessible via Tailscale IP: http://${ip}:${port}`);
      } catch (error) {
        // Userspace-networking tailscaled has no interface to bind; Serve is then the only way in.
        after.push(`[agent] Cannot listen on the Tailscale IP ${ip} (${error instanceof Error ? error.message : String(error)}); localhost only`);
      }
    }
    agent.setTailscale(view);
  }
  log(`[agent] Agent running at ${url}`);
  for (const line of after) log(line);

  const stopWatching = new AbortController();
  watchWorkspaces({ docker: agent.docker, service: agent.service, events: agent.events, stateDir: settings.stateDir, signal: stopWatching.signal });
  watchConfigFile(config, log, stopWatching.signal);

  let closed = false;
  return {
    url,
    port,
    async close() {
      if (closed) return;
      closed = true;
      stopWatching.abort();
      // Remove only the Serve mapping this agent added; the user's other mappings stay.
      if (serveHandle) await tailscale.disableServe(serveHandle).catch((error: unknown) => log(`[agent] Could not remove the Tailscale Serve mapping: ${String(error)}`));
      // Open shells are upgraded sockets the HTTP server no longer tracks: end them first.
      for (const terminal of terminals) terminal.close();
      await Promise.all(servers.map(close));
    },
  };
}

/** The wired agent: the Hono app and what it was built from. */
export interface BuiltAgent {
  app: ReturnType<typeof createApp>;
  docker: WorkspaceDocker;
  service: WorkspaceService;
  events: WorkspaceEvents;
  setTailscale(view: AgentTailscale): void;
}

/** Wires real Docker, config, reports and events into the app; tests use it with temp dirs. */
export function buildAgent(options: {
  settings: AgentSettings;
  config: ConfigStore;
  log: (line: string) => void;
  url: () => string;
  home?: string;
  /** The host's tailscaled, for identifying tailnet callers; without it only local callers and token holders get in. */
  tailscaleClient?: TailscaleClient;
  /** The addresses the agent listens on (its own names for the Host check). */
  listenHosts?: () => readonly string[];
}): BuiltAgent {
  const { settings, config, log } = options;
  const docker = createWorkspaceDocker(settings.dockerSocket ? { socketPath: settings.dockerSocket } : {});
  const events = new WorkspaceEvents();
  const reports = new TailscaleReports(settings.stateDir);
  const service = new WorkspaceService({
    docker,
    config,
    reports,
    events,
    image: settings.image,
    tailscaleNoLogs: settings.tailscaleNoLogs,
    ...(settings.githubHost ? { githubHost: settings.githubHost } : {}),
    log,
  });
  let tailscale: AgentTailscale = NO_TAILSCALE;
  const app = createApp({
    version: settings.version,
    url: options.url,
    docker,
    config,
    service,
    events,
    tailscale: () => tailscale,
    debug: settings.debug,
    ...(existsSync(webDistDir) ? { webDir: webDistDir } : {}),
    ...(options.home ? { home: options.home } : {}),
    log,
    access: createAccessDeps({
      tailscale: options.tailscaleClient,
      view: () => tailscale,
      listenHosts: options.listenHosts ?? (() => [settings.host]),
      listenAll: settings.listenAll,
      config,
      configDir: dirname(config.file),
      reports,
      log,
    }),
  });
  return {
    app,
    docker,
    service,
    events,
    setTailscale: (view) => {
      tailscale = view;
    },
  };
}

/** Loads config.json once; a bad file stops the agent with the file and position, untouched. */
export async function loadConfig(env: NodeJS.ProcessEnv): Promise<ConfigStore> {
  const store = createConfigStore({ env });
  try {
    await store.load();
  } catch (error) {
    if (error instanceof ConfigError) {
      throw new AgentStartError("CONFIG_INVALID", `${error.message}; fix the file (it was left untouched) and start the agent again`, { cause: error });
    }
    throw error;
  }
  return store;
}

// Listening on every interface exposes the Docker host to the whole network: only on explicit request.
function checkListenHost(settings: AgentSettings): void {
  const wildcard = settings.host === "0.0.0.0" || settings.host === "::" || settings.host === "[::]";
  if (wildcard && !settings.listenAll) {
    throw new AgentStartError("BAD_SETTINGS", `refusing to listen on all interfaces (${settings.host}) without --listen-all; the default (127.0.0.1) plus the tailnet address is enough for your devices`);
  }
}

// The user docs print http://localhost:7391 for the default loopback address.
function displayHost(host: string): string {
  if (host === "127.0.0.1" || host === "::1" || host === "localhost") return "localhost";
  return host.includes(":") ? `[${host}]` : host;
}
