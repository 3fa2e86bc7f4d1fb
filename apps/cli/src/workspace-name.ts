import { checkWorkspaceName } from "@perry/api-client";
import { CliError } from "./errors.js";

/** Refuses a bad name before anything is sent to the agent, with a suggestion when one exists. */
export function validWorkspaceName(name: string): string {
  const problem = checkWorkspaceName(name);
  if (problem === undefined) return name;
  throw new CliError("INVALID_NAME", problem.message, problem.suggestion ? `Did you mean "${problem.suggestion}"?` : undefined);
}
