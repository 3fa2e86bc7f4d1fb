import { randomBytes } from "node:crypto";
import { type LabAuthKey, type LabConfig, type LabNode, type LabUser, adminCall } from "./admin.js";
import { ensureControlImage } from "./control-image.js";
import { docker, run, waitFor } from "./run.js";
import { type LabSettings, labSettings } from "./settings.js";

/** Docker label on everything a lab creates; its value is the lab id. */
export const labLabel = "perry.lab";

/** Options for {@link startLab}. */
export interface LabOptions {
  /** Tailnet has HTTPS enabled (cert domains + the "https" node capability). Default false. */
  https?: boolean;
  /** Docker network to use; created (and removed on stop) when it does not exist. Default `perry-lab-<id>`. */
  network?: string;
  /** Remove ephemeral nodes offline this long (Go duration). Default "30s". */
  ephemeralTimeout?: string;
  settings?: Partial<LabSettings>;
}

/** A running lab tailnet. */
export interface Lab {
  id: string;
  /** `http://<control container ip>:8080`, for `tailscale up --login-server`. */
  controlUrl: string;
  /** IP of the control container on the lab network. */
  controlIp: string;
  network: string;
  /** A reusable, non-ephemeral pre-auth key owned by `owner@example.com`. */
  authKey: string;
  /** e.g. `tail-lab.ts.net` */
  magicDnsSuffix: string;
  settings: LabSettings;
  nodes(): Promise<LabNode[]>;
  users(): Promise<LabUser[]>;
  /** Removes a node from the tailnet as an admin would. */
  deleteNode(id: number): Promise<void>;
  /** Creates another reusable pre-auth key; a new login name makes a new user. */
  createAuthKey(opts?: { user?: string; ephemeral?: boolean }): Promise<LabAuthKey>;
  /** Switches the tailnet's HTTPS feature at run time. */
  setHttps(enabled: boolean): Promise<void>;
  /** The control server's log (for failure messages). */
  logs(): Promise<string>;
  /** Removes the control container, every device of this lab, and the network if the lab created it. */
  stop(): Promise<void>;
}

/** Starts the control server (testcontrol + DERP + STUN) in a container on its own Docker network. */
export async function startLab(opts: LabOptions = {}): Promise<Lab> {
  const settings = labSettings(opts.settings);
  const id = randomBytes(3).toString("hex");
  const network = opts.network ?? `perry-lab-${id}`;
  const image = await ensureControlImage(settings);
  const ownsNetwork = (await run("docker", ["network", "inspect", network], { code: "DOCKER_FAILED", reject: true })).exitCode !== 0;
  if (ownsNetwork) await docker(["network", "create", "--label", `${labLabel}=${id}`, network]);
  const container = `perry-lab-control-${id}`;
  const stop = () => removeLab(id);
  try {
    await docker([
      ...["run", "-d", "--name", container, "--network", network, "--label", `${labLabel}=${id}`, image],
      "--addr=auto",
      `--https=${opts.https ?? false}`,
      `--ephemeral-timeout=${opts.ephemeralTimeout ?? "30s"}`,
    ]);
    const controlIp = await docker(["inspect", "-f", `{{(index .NetworkSettings.Networks "${network}").IPAddress}}`, container]);
    const controlUrl = `http://${controlIp}:8080`;
    const config = await waitFor("the lab control server", () => adminCall<LabConfig>(controlUrl, "GET", "config"), 15_000);
    return {
      id,
      controlUrl,
      controlIp,
      network,
      authKey: config.authKey,
      magicDnsSuffix: config.magicDnsSuffix,
      settings,
      nodes: () => adminCall<LabNode[]>(controlUrl, "GET", "nodes"),
      users: () => adminCall<LabUser[]>(controlUrl, "GET", "users"),
      deleteNode: (nodeId) => adminCall<void>(controlUrl, "DELETE", `nodes/${nodeId}`),
      createAuthKey: (o = {}) => adminCall<LabAuthKey>(controlUrl, "POST", "authkeys", o),
      setHttps: async (enabled) => {
        await adminCall(controlUrl, "POST", "https", { enabled });
      },
      logs: async () => {
        const r = await run("docker", ["logs", container], { code: "DOCKER_FAILED", reject: true });
        return `${r.stdout}\n${r.stderr}`;
      },
      stop,
    };
  } catch (err) {
    await stop();
    throw err;
  }
}

/** Force-removes every container and network labelled with the lab id (a network the caller passed in is not labelled). Safe to call twice. */
export async function removeLab(id: string): Promise<void> {
  const filter = `label=${labLabel}=${id}`;
  const containers = await docker(["ps", "-aq", "--filter", filter]);
  if (containers) await run("docker", ["rm", "-f", "-v", ...containers.split("\n")], { code: "DOCKER_FAILED", reject: true });
  const networks = await docker(["network", "ls", "-q", "--filter", filter]);
  if (networks) await run("docker", ["network", "rm", ...networks.split("\n")], { code: "DOCKER_FAILED", reject: true });
}

/** Lists the ids of labs that have containers or networks on this Docker engine. */
export async function listLabIds(): Promise<string[]> {
  const fmt = `{{.Label "${labLabel}"}}`;
  const fromContainers = await docker(["ps", "-a", "--filter", `label=${labLabel}`, "--format", fmt]);
  const fromNetworks = await docker(["network", "ls", "--filter", `label=${labLabel}`, "--format", fmt]);
  return [...new Set(`${fromContainers}\n${fromNetworks}`.split("\n").filter(Boolean))].sort();
}
