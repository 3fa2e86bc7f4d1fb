export { startAgent } from "./server.js";
export type { StartAgentOptions, RunningAgent } from "./server.js";
export { AgentStartError } from "./errors.js";
export type { AgentStartErrorCode } from "./errors.js";
