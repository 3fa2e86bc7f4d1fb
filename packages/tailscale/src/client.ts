import { localTarget, SERVE_PATH, serveDisableArgv, serveEnableArgv, serveStatusArgv, statusArgv, whoisArgv } from "./argv.js";
import { classifyFailure } from "./classify.js";
import { isTailscaleError, TailscaleError } from "./errors.js";
import { findTailscale } from "./find.js";
import { type RunOptions, runTailscale } from "./runner.js";
import { ServeConfigJson, StatusJson, WhoIsJson } from "./schemas.js";
import { findMapping, type ServeHandle, type ServeStatus, toServeStatus } from "./serve.js";
import { type TailscaleStatus, toTailscaleStatus, unavailableStatus } from "./status.js";
import { type TailscaleWhois, toWhois } from "./whois.js";

/** Options of `createTailscaleClient`; everything defaults to "the tailscale this process would run". */
export interface TailscaleClientOptions {
  /** The CLI binary; default `findTailscale({ env })` on every call. */
  readonly cliPath?: string;
  /** tailscaled's LocalAPI socket (`tailscale --socket`); default the CLI's own default. */
  readonly socketPath?: string;
  /** Per CLI call. */
  readonly timeoutMs?: number;
  /** The complete environment of the CLI; default this process's. */
  readonly env?: NodeJS.ProcessEnv;
}

/** A Tailscale Serve mapping that `enableServe` confirmed. */
export interface ServeResult {
  /** `https://<dnsName>` (with `:<port>` unless 443). */
  readonly url: string;
  readonly handle: ServeHandle;
}

/** Talks to one tailscaled through the `tailscale` CLI. */
export interface TailscaleClient {
  /** This node's state. Never throws: failures are in `error`, with `installed`/`running` false as far as they apply. */
  status(): Promise<TailscaleStatus>;
  /** The current Tailscale Serve configuration. */
  serveStatus(): Promise<ServeStatus>;
  /** Serves `http://127.0.0.1:<port>` at `https://<node>:<httpsPort>/` and confirms it by reading the config back. */
  enableServe(opts: { port: number; httpsPort?: number }): Promise<ServeResult>;
  /** Removes the mapping `enableServe` made, if it is still there; other ports and paths stay. */
  disableServe(handle: ServeHandle): Promise<void>;
  /** The node and user behind a tailnet IP (optionally `ip:port`); undefined when no peer has that address. */
  whois(addr: string): Promise<TailscaleWhois | undefined>;
}

/**
 * Creates a client for the host's tailscaled (or the one at `socketPath`).
 *
 * @example
 * const ts = createTailscaleClient();
 * const st = await ts.status();
 * if (st.backendState === "Running" && st.httpsEnabled) console.log((await ts.enableServe({ port: 7391 })).url);
 */
export function createTailscaleClient(opts: TailscaleClientOptions = {}): TailscaleClient {
  const { socketPath, env, timeoutMs = 5000 } = opts;
  const run = (): RunOptions => ({ cliPath: opts.cliPath ?? findTailscale({ env }), timeoutMs, env, socketPath });

  const rawStatus = async () => toTailscaleStatus(await runTailscale(statusArgv({ socketPath }), { ...run(), schema: StatusJson }));
  const serveStatus = async () => toServeStatus(await runTailscale(serveStatusArgv({ socketPath }), { ...run(), schema: ServeConfigJson }));

  return {
    async status() {
      try {
        return await rawStatus();
      } catch (error) {
        if (error instanceof TailscaleError) return unavailableStatus(error);
        throw error;
      }
    },

    serveStatus,

    async enableServe({ port, httpsPort = 443 }) {
      const st = await rawStatus();
      if (st.backendState !== "Running" || st.dnsName === undefined) {
        throw new TailscaleError("TAILSCALE_NOT_LOGGED_IN", `Tailscale is not connected (state ${st.backendState})`);
      }
      if (!st.httpsEnabled) {
        throw new TailscaleError("TAILSCALE_HTTPS_DISABLED", "Tailscale HTTPS not enabled in tailnet");
      }
      const handle: ServeHandle = { httpsPort, path: SERVE_PATH, target: localTarget(port) };
      const existing = findMapping(await serveStatus(), httpsPort, SERVE_PATH);
      if (existing !== undefined && existing.target !== handle.target) {
        throw new TailscaleError("TAILSCALE_FAILED", `Tailscale Serve already maps port ${httpsPort} to ${existing.target}; not replacing it`, {
          remedy: `Free the port (tailscale serve --https=${httpsPort} off) or choose another HTTPS port`,
        });
      }
      const stdout = await runTailscale(serveEnableArgv({ socketPath, ...handle }), run());
      // The CLI can exit 0 without changing anything (e.g. when it only prints how to enable HTTPS).
      if (findMapping(await serveStatus(), httpsPort, SERVE_PATH)?.target !== handle.target) {
        throw classifyFailure({ command: "serve", exitCode: 0, stdout, stderr: "", timedOut: false });
      }
      const url = httpsPort === 443 ? `https://${st.dnsName}` : `https://${st.dnsName}:${httpsPort}`;
      return { url, handle };
    },

    async disableServe(handle) {
      if (findMapping(await serveStatus(), handle.httpsPort, handle.path)?.target !== handle.target) return;
      await runTailscale(serveDisableArgv({ socketPath, httpsPort: handle.httpsPort, path: handle.path }), run());
    },

    async whois(addr) {
      try {
        return toWhois(await runTailscale(whoisArgv({ socketPath, addr }), { ...run(), schema: WhoIsJson }));
      } catch (error) {
        if (isTailscaleError(error, "TAILSCALE_PEER_NOT_FOUND")) return undefined;
        throw error;
      }
    },
  };
}
