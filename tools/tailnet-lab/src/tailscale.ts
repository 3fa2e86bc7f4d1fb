import type { Lab } from "./lab.js";
import { LabError } from "./errors.js";
import type { RunResult } from "./run.js";

/** The parts of `tailscale status --json` the lab and its tests look at. */
export interface TailscaleStatus {
  BackendState: string;
  MagicDNSSuffix?: string;
  CertDomains?: string[] | null;
  Self?: { HostName: string; DNSName: string; TailscaleIPs?: string[]; CapMap?: Record<string, unknown> | null; Online?: boolean };
  Peer?: Record<string, { HostName: string; DNSName: string; TailscaleIPs?: string[]; Online?: boolean }> | null;
  [key: string]: unknown;
}

/** Runs a `tailscale` CLI invocation somewhere (in a container, or on the host with its own socket). */
export type TailscaleRunner = (args: readonly string[]) => Promise<RunResult>;

/** Environment for every lab tailscaled: no log uploads, no probes beyond the lab, no accidental prod control. */
export function tailscaledEnv(lab: Pick<Lab, "controlUrl">): Record<string, string> {
  return {
    TS_NO_LOGS_NO_SUPPORT: "true",
    TS_PANIC_IF_HIT_MAIN_CONTROL: "1",
    TS_NETCHECK_GENERATE_204_URL: `${lab.controlUrl}/generate_204`,
    TS_DISABLE_PORTMAPPER: "1",
  };
}

/** `tailscale up` arguments that join the lab. */
export function upArgs(lab: Pick<Lab, "controlUrl">, o: { authKey: string; hostname: string; acceptDns: boolean }): string[] {
  return ["up", `--login-server=${lab.controlUrl}`, `--auth-key=${o.authKey}`, `--hostname=${o.hostname}`, `--accept-dns=${o.acceptDns}`, "--timeout=30s"];
}

/** Reads `tailscale status --json` through a runner. */
export async function readStatus(tailscale: TailscaleRunner): Promise<TailscaleStatus> {
  const r = await tailscale(["status", "--json"]);
  if (r.exitCode !== 0 && !r.stdout.startsWith("{")) {
    throw new LabError("TAILSCALE_FAILED", `tailscale status --json exited ${r.exitCode}: ${r.stderr}`);
  }
  return JSON.parse(r.stdout) as TailscaleStatus;
}

/** Runs `tailscale up` and returns the node's own status once it is Running. */
export async function join(tailscale: TailscaleRunner, args: string[], what: string): Promise<TailscaleStatus> {
  const r = await tailscale(args);
  if (r.exitCode !== 0) throw new LabError("TAILSCALE_FAILED", `${what}: tailscale up exited ${r.exitCode}: ${r.stderr || r.stdout}`);
  const st = await readStatus(tailscale);
  if (st.BackendState !== "Running") throw new LabError("TAILSCALE_FAILED", `${what}: backend is ${st.BackendState} after tailscale up`);
  return st;
}
