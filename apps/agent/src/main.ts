#!/usr/bin/env node
// Runs the agent on its own (`node apps/agent/dist/main.js`); `perry agent run` does the same in-process.
import { AgentStartError } from "./errors.js";
import { startAgent } from "./server.js";

try {
  const agent = await startAgent();
  const stop = () => {
    void agent.close().then(() => process.exit(0));
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
} catch (error) {
  console.error(`Error: ${error instanceof AgentStartError ? error.message : String(error)}`);
  process.exit(1);
}
