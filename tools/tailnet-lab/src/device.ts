import { type Lab, labLabel } from "./lab.js";
import { docker, type RunResult, run, waitFor } from "./run.js";
import { join, readStatus, type TailscaleStatus, tailscaledEnv, upArgs } from "./tailscale.js";

/** Options for {@link startDevice}. */
export interface DeviceOptions {
  /** Tailnet hostname (and container hostname). */
  name: string;
  /** Pre-auth key; default the lab's reusable key. */
  authKey?: string;
  /** Image to run; default the workspace image when present, else the base image. */
  image?: string;
}

/** "Another device on your tailnet": a container running tailscaled (TUN mode, MagicDNS on). */
export interface Device {
  name: string;
  container: string;
  /** Tailscale IPv4 address. */
  ip: string;
  /** MagicDNS name with the trailing dot, e.g. `laptop.tail-lab.ts.net.` */
  dnsName: string;
  /** Runs a command in the container (the lab's tailscale binaries are first on PATH). */
  exec(cmd: readonly string[]): Promise<RunResult>;
  /** Runs `tailscale <args>` in the container. */
  tailscale(args: readonly string[]): Promise<RunResult>;
  status(): Promise<TailscaleStatus>;
  stop(): Promise<void>;
}

const binMount = "/opt/tailnet-lab";

async function pickImage(lab: Lab, image?: string): Promise<string> {
  if (image) return image;
  const r = await run("docker", ["image", "inspect", lab.settings.deviceImage], { code: "DOCKER_FAILED", reject: true });
  return r.exitCode === 0 ? lab.settings.deviceImage : lab.settings.baseImage;
}

/** Starts a device container on the lab network and joins it to the tailnet with `--accept-dns`. */
export async function startDevice(lab: Lab, opts: DeviceOptions): Promise<Device> {
  const container = `perry-lab-${lab.id}-${opts.name}`;
  const env = Object.entries(tailscaledEnv(lab)).flatMap(([k, v]) => ["-e", `${k}=${v}`]);
  await docker([
    ...["run", "-d", "--name", container, "--hostname", opts.name, "--network", lab.network, "--label", `${labLabel}=${lab.id}`],
    ...["--cap-add", "NET_ADMIN", "--device", "/dev/net/tun"],
    ...["-v", `${lab.settings.tailscaleBinDir}:${binMount}:ro`, "-e", `PATH=${binMount}:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin`],
    ...env,
    ...["--user", "root", "--entrypoint", `${binMount}/tailscaled`, await pickImage(lab, opts.image)],
    ...["--statedir=/var/lib/tailscale", "--no-logs-no-support"],
  ]);
  const exec = (cmd: readonly string[]) => run("docker", ["exec", container, ...cmd], { code: "DOCKER_FAILED", reject: true, timeoutMs: 60_000 });
  const tailscale = (args: readonly string[]) => exec(["tailscale", ...args]);
  const stop = async () => {
    await run("docker", ["rm", "-f", "-v", container], { code: "DOCKER_FAILED", reject: true });
  };
  try {
    await waitFor(`tailscaled in ${container}`, async () => ((await tailscale(["status", "--json"])).stdout.startsWith("{") ? true : undefined));
    const st = await join(tailscale, upArgs(lab, { authKey: opts.authKey ?? lab.authKey, hostname: opts.name, acceptDns: true }), container);
    return {
      name: opts.name,
      container,
      ip: st.Self?.TailscaleIPs?.[0] ?? "",
      dnsName: st.Self?.DNSName ?? "",
      exec,
      tailscale,
      status: () => readStatus(tailscale),
      stop,
    };
  } catch (err) {
    await stop();
    throw err;
  }
}
