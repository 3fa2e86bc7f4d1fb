// The raw baseline: Docker Engine API calls over the unix socket with nothing but node:http, one connection
// per call (as dockerode does), no retries, no mapping. Also used for fixtures and cleanup.
import { request } from "node:http";
import { LABEL_MANAGED } from "@perry/docker";

/** Default Docker socket (the one the agent uses when DOCKER_HOST is not set). */
export const DOCKER_SOCKET = "/var/run/docker.sock";

/** An Engine API answer that was not 2xx/304. */
export class EngineError extends Error {
  override readonly name = "EngineError";
  readonly code = "ENGINE_ERROR" as const;
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

/** A minimal Engine API client on one socket. */
export interface Engine {
  socketPath: string;
  /** Sends one request; resolves with the parsed JSON body (undefined when empty). */
  call<T = unknown>(method: string, path: string, body?: unknown): Promise<T>;
  /** The label-filtered list the agent makes for every listing. */
  listWorkspaces(): Promise<unknown[]>;
  /** A container's log so far (stdout and stderr, Docker's stream framing left in). */
  logs(container: string): Promise<string>;
}

/** The query of the agent's listing call: every container, running or not, with the managed label. */
export const LIST_PATH = `/containers/json?all=1&filters=${encodeURIComponent(JSON.stringify({ label: [`${LABEL_MANAGED}=true`] }))}`;

/** A client for the Engine API on `socketPath`. */
export function engine(socketPath = DOCKER_SOCKET): Engine {
  const send = (method: string, path: string, body?: unknown) =>
    new Promise<string>((resolve, reject) => {
      const payload = body === undefined ? undefined : JSON.stringify(body);
      const req = request(
        { socketPath, method, path, agent: false, headers: payload ? { "content-type": "application/json", "content-length": Buffer.byteLength(payload) } : {} },
        (res) => {
          const chunks: Buffer[] = [];
          res.on("data", (chunk: Buffer) => chunks.push(chunk));
          res.on("error", reject);
          res.on("end", () => {
            const text = Buffer.concat(chunks).toString("utf8");
            const status = res.statusCode ?? 0;
            if ((status < 200 || status > 299) && status !== 304) {
              reject(new EngineError(`${method} ${path}: ${status} ${text.trim()}`, status));
              return;
            }
            resolve(text);
          });
        },
      );
      req.on("error", reject);
      req.end(payload);
    });
  const call = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const text = await send(method, path, body);
    return (text ? JSON.parse(text) : undefined) as T;
  };
  return {
    socketPath,
    call,
    listWorkspaces: () => call<unknown[]>("GET", LIST_PATH),
    logs: (container) => send("GET", `/containers/${container}/logs?stdout=1&stderr=1`),
  };
}

/** Docker's filters query parameter. */
export function filters(value: Record<string, string[]>): string {
  return encodeURIComponent(JSON.stringify(value));
}
