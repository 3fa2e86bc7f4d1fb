import { createContext, useContext } from "solid-js";
import { ApiError, checkWorkspaceName, createApiClient, WORKSPACE_NAME_RULE } from "@perry/api-client";
import type { ApiClient } from "@perry/api-client";

// The only module that touches @perry/api-client: pages get the client through
// ApiContext, so component tests can hand them a test double of the same shape.

export type { AgentInfo, ConfigUpdate, ConfigView, HostSshKey, TailscaleState, Workspace, WorkspaceEvent, WorkspaceTailscale } from "@perry/api-client";
export { checkWorkspaceName, WORKSPACE_NAME_RULE };

/** The agent calls the UI uses. */
export type Api = Pick<
  ApiClient,
  | "info"
  | "listWorkspaces"
  | "getWorkspace"
  | "startWorkspace"
  | "stopWorkspace"
  | "removeWorkspace"
  | "logs"
  | "getConfig"
  | "updateConfig"
  | "hostSshKeys"
  | "events"
>;

/** The client for the agent that served this page. */
export function createBrowserApi(origin: string = window.location.origin): Api {
  return createApiClient({ baseUrl: origin });
}

/** Provides the API to every page. */
export const ApiContext = createContext<Api>();

/** The API provided by the nearest ApiContext. */
export function useApi(): Api {
  const api = useContext(ApiContext);
  if (!api) throw new Error("useApi() needs an <ApiContext.Provider>");
  return api;
}

/** A failure as the UI shows it: a sentence, an optional fix, and per-field problems keyed by dot path. */
export interface Problem {
  message: string;
  hint?: string;
  code?: string;
  fields: Record<string, string>;
}

/** Turns anything thrown by the client into text for the user. */
export function describeError(error: unknown): Problem {
  const fields: Record<string, string> = {};
  // The error body may carry `fields`; read them when the client passes them through.
  const raw = (error as { fields?: unknown } | null)?.fields;
  if (Array.isArray(raw)) {
    for (const item of raw as { path?: unknown; message?: unknown }[]) {
      if (typeof item.path === "string" && typeof item.message === "string") fields[item.path] = item.message;
    }
  }
  if (error instanceof ApiError) {
    return { message: error.message, code: error.code, fields, ...(error.hint ? { hint: error.hint } : {}) };
  }
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    return { message: error.message, fields, ...(typeof code === "string" ? { code } : {}) };
  }
  return { message: String(error), fields };
}

/** Reads a log stream to text (the agent sends Docker's log lines as plain text). */
export async function readText(stream: ReadableStream<Uint8Array>): Promise<string> {
  return new Response(stream).text();
}
