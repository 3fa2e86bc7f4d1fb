import * as v from "valibot";
import { AgentUnreachableError, ApiError, UnexpectedResponseError } from "./errors.js";
import {
  agentInfoSchema,
  createWorkspaceResponseSchema,
  errorBodySchema,
  healthSchema,
  startWorkspaceResponseSchema,
  workspaceListSchema,
  workspaceSchema,
  type AgentInfo,
  type CreateWorkspaceRequest,
  type CreateWorkspaceResponse,
  type Health,
  type StartWorkspaceRequest,
  type StartWorkspaceResponse,
  type Workspace,
} from "./schemas.js";
import { configViewSchema, hostSshKeysSchema, type ConfigUpdate, type ConfigView, type HostSshKey } from "./config-schemas.js";
import { workspaceEventSchema, type WorkspaceEvent } from "./schemas.js";
import { type TerminalOpenOptions, terminalUrl } from "./terminal.js";

/** How to reach an agent. */
export interface ApiClientOptions {
  /** e.g. http://localhost:7391 */
  baseUrl: string;
  /** Bearer token, for remote agents that require one. */
  token?: string;
  fetch?: typeof fetch;
  /** Per-request timeout; streaming calls (logs --follow) are not limited. */
  timeoutMs?: number;
}

/** The default agent address. */
export const DEFAULT_AGENT_URL = "http://localhost:7391";

/**
 * Normalises what a user typed for `perry config agent <host>`: a bare host means
 * `http://<host>:7391`; `host:port` and full URLs are kept as given.
 *
 * @example agentUrlFrom("my-box.tail-scale.ts.net") // "http://my-box.tail-scale.ts.net:7391"
 */
export function agentUrlFrom(input: string): string {
  const text = input.trim().replace(/\/+$/, "");
  if (/^https?:\/\//i.test(text)) return new URL(text).toString().replace(/\/+$/, "");
  const hasPort = /^(\[[^\]]+\]|[^:[\]]+):\d+$/.test(text);
  return new URL(`http://${hasPort ? text : `${text.includes(":") ? `[${text}]` : text}:7391`}`).toString().replace(/\/+$/, "");
}

/** A typed client for every agent route. */
export type ApiClient = ReturnType<typeof createApiClient>;

/** Creates a client for the agent at `baseUrl`. Errors arrive as `ApiError`, `AgentUnreachableError` or `UnexpectedResponseError`. */
export function createApiClient(options: ApiClientOptions) {
  const baseUrl = options.baseUrl.replace(/\/+$/, "");
  const doFetch = options.fetch ?? globalThis.fetch;
  const timeoutMs = options.timeoutMs ?? 120_000;

  async function send(method: string, path: string, body?: unknown, init: { stream?: boolean; signal?: AbortSignal } = {}): Promise<Response> {
    const url = `${baseUrl}${path}`;
    const headers: Record<string, string> = { accept: "application/json" };
    if (body !== undefined) headers["content-type"] = "application/json";
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    const signal = init.signal ?? (init.stream ? undefined : AbortSignal.timeout(timeoutMs));
    let response: Response;
    try {
      response = await doFetch(url, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), signal });
    } catch (cause) {
      if (init.signal?.aborted) throw cause;
      throw new AgentUnreachableError(baseUrl, { cause });
    }
    if (!response.ok) throw await toApiError(url, response);
    return response;
  }

  async function json<S extends v.GenericSchema>(schema: S, method: string, path: string, body?: unknown): Promise<v.InferOutput<S>> {
    const url = `${baseUrl}${path}`;
    const response = await send(method, path, body);
    const data: unknown = await response.json().catch(() => undefined);
    const parsed = v.safeParse(schema, data);
    if (!parsed.success) throw new UnexpectedResponseError(url, response.status, v.summarize(parsed.issues));
    return parsed.output;
  }

  const ws = (name: string) => `/api/workspaces/${encodeURIComponent(name)}`;

  return {
    baseUrl,
    health: (): Promise<Health> => json(healthSchema, "GET", "/api/health"),
    info: (): Promise<AgentInfo> => json(agentInfoSchema, "GET", "/api/info"),
    listWorkspaces: async (): Promise<Workspace[]> => (await json(workspaceListSchema, "GET", "/api/workspaces")).workspaces,
    getWorkspace: (name: string): Promise<Workspace> => json(workspaceSchema, "GET", ws(name)),
    createWorkspace: (request: CreateWorkspaceRequest): Promise<CreateWorkspaceResponse> => json(createWorkspaceResponseSchema, "POST", "/api/workspaces", request),
    startWorkspace: (name: string, request: StartWorkspaceRequest = {}): Promise<StartWorkspaceResponse> =>
      json(startWorkspaceResponseSchema, "POST", `${ws(name)}/start`, request),
    stopWorkspace: (name: string): Promise<Workspace> => json(workspaceSchema, "POST", `${ws(name)}/stop`, {}),
    removeWorkspace: async (name: string): Promise<void> => {
      await send("DELETE", ws(name));
    },
    getConfig: (): Promise<ConfigView> => json(configViewSchema, "GET", "/api/config"),
    updateConfig: (update: ConfigUpdate): Promise<ConfigView> => json(configViewSchema, "PATCH", "/api/config", update),
    /** The WebSocket URL of a workspace's terminal (see terminal.ts for the protocol). */
    terminalUrl: (name: string, opts: TerminalOpenOptions = {}): string => terminalUrl(baseUrl, name, opts),
    /** Headers every request carries (the bearer token), for connections the client does not make itself (WebSockets). */
    authHeaders: (): Record<string, string> => (options.token ? { authorization: `Bearer ${options.token}` } : {}),
    hostSshKeys: async (): Promise<HostSshKey[]> => (await json(hostSshKeysSchema, "GET", "/api/ssh/host-keys")).keys,
    /** Live workspace changes (server-sent events) until `signal` aborts. */
    events: (signal: AbortSignal): AsyncIterable<WorkspaceEvent> => readEvents(() => send("GET", "/api/events", undefined, { stream: true, signal })),
    /** Streams log text; with `follow` it stays open until `signal` aborts or the workspace stops. */
    logs: async (name: string, opts: { tail?: number; follow?: boolean; signal?: AbortSignal } = {}): Promise<ReadableStream<Uint8Array>> => {
      const query = new URLSearchParams();
      if (opts.tail !== undefined) query.set("tail", String(opts.tail));
      if (opts.follow) query.set("follow", "1");
      const response = await send("GET", `${ws(name)}/logs?${query}`, undefined, { stream: true, signal: opts.signal });
      if (!response.body) throw new UnexpectedResponseError(`${baseUrl}${ws(name)}/logs`, response.status, "empty body");
      return response.body;
    },
  };
}

async function toApiError(url: string, response: Response): Promise<Error> {
  return errorFromResponse(url, response.status, await response.text().catch(() => ""), response.statusText);
}

/** The error an agent's non-2xx answer stands for: `ApiError` for its JSON error body, else `UnexpectedResponseError`. */
export function errorFromResponse(url: string, status: number, text: string, statusText = ""): Error {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return new UnexpectedResponseError(url, status, gist(text) || statusText);
  }
  const parsed = v.safeParse(errorBodySchema, data);
  if (!parsed.success) return new UnexpectedResponseError(url, status, gist(text));
  const { code, message, hint, fields } = parsed.output.error;
  return new ApiError(code, message, status, hint, fields);
}

async function* readEvents(open: () => Promise<Response>): AsyncIterable<WorkspaceEvent> {
  const response = await open();
  if (!response.body) return;
  const decoder = new TextDecoder();
  let buffer = "";
  for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
    buffer += decoder.decode(chunk, { stream: true });
    let end = buffer.indexOf("\n\n");
    while (end !== -1) {
      const frame = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const data = frame
        .split("\n")
        .filter((line) => line.startsWith("data:"))
        .map((line) => line.slice(5).trimStart())
        .join("\n");
      if (data !== "") {
        const parsed = v.safeParse(workspaceEventSchema, JSON.parse(data));
        if (parsed.success) yield parsed.output;
      }
      end = buffer.indexOf("\n\n");
    }
  }
}

// Another server's page (HTML, a proxy's error) in one short line.
function gist(text: string): string {
  const plain = text.replace(/<[^>]*>/g, " ").replace(/\s+/g, " ").trim();
  return plain.length > 120 ? `${plain.slice(0, 117)}...` : plain;
}
