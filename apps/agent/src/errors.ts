/** Why the agent could not start. */
export type AgentStartErrorCode = "PORT_IN_USE" | "LISTEN_FAILED" | "CONFIG_INVALID" | "BAD_SETTINGS";

/** The agent could not start; the message is one line a user can act on. */
export class AgentStartError extends Error {
  override readonly name = "AgentStartError";
  constructor(
    readonly code: AgentStartErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
