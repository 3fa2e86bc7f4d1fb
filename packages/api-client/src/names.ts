import * as v from "valibot";

/** The longest workspace name: one DNS label, so the name can be a tailnet hostname. */
export const MAX_WORKSPACE_NAME_LENGTH = 63;

/** The rule, in words, shown with every rejected name. */
export const WORKSPACE_NAME_RULE =
  "1–63 characters of a-z, 0-9 and -, starting and ending with a letter or digit";

const NAME = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;

/** Why a workspace name was refused, with a valid name to use instead when one can be derived. */
export interface WorkspaceNameProblem {
  readonly message: string;
  readonly suggestion?: string;
}

/**
 * Checks a workspace name against the one rule shared by the API, the CLI and the web UI.
 * Names are never changed silently: a bad name is refused, with a suggestion.
 *
 * @example checkWorkspaceName("My_Project") // { message: "…", suggestion: "my-project" }
 */
export function checkWorkspaceName(name: string): WorkspaceNameProblem | undefined {
  if (NAME.test(name)) return undefined;
  const suggestion = suggestWorkspaceName(name);
  const shown = name.length > 80 ? `${name.slice(0, 77)}...` : name;
  const what = name === "" ? "workspace name is empty" : `invalid workspace name "${shown}"`;
  return {
    message: `${what}: use ${WORKSPACE_NAME_RULE}`,
    ...(suggestion !== undefined && suggestion !== name ? { suggestion } : {}),
  };
}

/** Derives a valid name from free text ("My Project!" → "my-project"), or undefined when nothing usable is left. */
export function suggestWorkspaceName(input: string): string | undefined {
  const slug = input
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, MAX_WORKSPACE_NAME_LENGTH)
    .replace(/-+$/, "");
  return slug === "" ? undefined : slug;
}

/** valibot schema for a workspace name, for request validation. */
export const workspaceNameSchema = v.pipe(
  v.string(),
  v.check((name) => checkWorkspaceName(name) === undefined, (issue) => checkWorkspaceName(String(issue.input))?.message ?? WORKSPACE_NAME_RULE),
);
