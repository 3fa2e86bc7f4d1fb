import { LabError } from "./errors.js";

/** A node as the lab's control server sees it (GET /lab/nodes). */
export interface LabNode {
  id: number;
  stableId: string;
  /** The MagicDNS label, unique in the tailnet (a second "myproject" is "myproject-1"). */
  name: string;
  /** The hostname the node asked for. */
  hostname: string;
  /** Fully qualified, with the trailing dot: `myproject.tail-lab.ts.net.` */
  dnsName: string;
  ips: string[];
  online: boolean;
  ephemeral: boolean;
  /** Login name of the owning user, e.g. `owner@example.com`. */
  user: string;
  lastSeen?: string;
}

/** A reusable pre-auth key and the user that owns the nodes registering with it. */
export interface LabAuthKey {
  key: string;
  user: string;
  ephemeral: boolean;
}

/** A user of the lab tailnet. */
export interface LabUser {
  id: number;
  loginName: string;
  displayName: string;
}

/** What GET /lab/config reports. */
export interface LabConfig {
  controlUrl: string;
  magicDnsSuffix: string;
  authKey: string;
  https: boolean;
}

/** Calls the control server's /lab/ admin API; throws ADMIN_API_FAILED on transport errors and bad statuses. */
export async function adminCall<T>(controlUrl: string, method: string, path: string, body?: unknown): Promise<T> {
  let res: Response;
  try {
    res = await fetch(`${controlUrl}/lab/${path}`, {
      method,
      headers: body === undefined ? {} : { "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(5_000),
    });
  } catch (err) {
    throw new LabError("ADMIN_API_FAILED", `${method} /lab/${path}: ${(err as Error).message}`, { cause: err });
  }
  if (!res.ok) {
    throw new LabError("ADMIN_API_FAILED", `${method} /lab/${path}: HTTP ${res.status} ${await res.text()}`);
  }
  return (res.status === 204 ? undefined : await res.json()) as T;
}
