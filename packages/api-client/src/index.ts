export { createApiClient, agentUrlFrom, errorFromResponse, DEFAULT_AGENT_URL } from "./client.js";
export type { ApiClient, ApiClientOptions } from "./client.js";
export { ApiError, AgentUnreachableError, UnexpectedResponseError, API_ERROR_CODES } from "./errors.js";
export type { ApiErrorCode } from "./errors.js";
export {
  checkWorkspaceName,
  suggestWorkspaceName,
  workspaceNameSchema,
  WORKSPACE_NAME_RULE,
  MAX_WORKSPACE_NAME_LENGTH,
} from "./names.js";
export type { WorkspaceNameProblem } from "./names.js";
export {
  agentInfoSchema,
  agentTailscaleSchema,
  createWorkspaceRequestSchema,
  createWorkspaceResponseSchema,
  errorBodySchema,
  healthSchema,
  startWorkspaceRequestSchema,
  startWorkspaceResponseSchema,
  tailscaleStateSchema,
  workspaceListSchema,
  workspaceSchema,
  workspaceStatusSchema,
  workspaceTailscaleSchema,
  workspaceEventSchema,
} from "./schemas.js";
export { configViewSchema, configUpdateSchema, hostSshKeySchema, hostSshKeysSchema, settingSourceSchema } from "./config-schemas.js";
export type { ConfigView, ConfigUpdate, HostSshKey } from "./config-schemas.js";
export type {
  AgentInfo,
  AgentTailscale,
  CreateWorkspaceRequest,
  CreateWorkspaceResponse,
  ErrorBody,
  Health,
  StartWorkspaceRequest,
  StartWorkspaceResponse,
  TailscaleState,
  Workspace,
  WorkspaceList,
  WorkspaceStatus,
  WorkspaceTailscale,
  WorkspaceEvent,
} from "./schemas.js";
export { cloneResultSchema } from "./clone.js";
export type { CloneResult } from "./clone.js";
export {
  TERM_PATTERN,
  parseTerminalMessage,
  terminalClientMessageSchema,
  terminalQuerySchema,
  terminalServerMessageSchema,
  terminalUrl,
} from "./terminal.js";
export type { TerminalClientMessage, TerminalOpenOptions, TerminalServerMessage } from "./terminal.js";
