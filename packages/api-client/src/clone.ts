import * as v from "valibot";

/** What happened to `clone` of a created workspace: the repository's path, or git's error (the workspace still runs). */
export const cloneResultSchema = v.object({
  url: v.string(),
  /** e.g. /home/workspace/myapp */
  path: v.string(),
  ok: v.boolean(),
  /** git's own message (stderr) when the clone failed; never contains the token. */
  error: v.optional(v.string()),
});
export type CloneResult = v.InferOutput<typeof cloneResultSchema>;
