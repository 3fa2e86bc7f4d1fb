import * as v from "valibot";
import { cloneResultSchema } from "./clone.js";
import { workspaceNameSchema } from "./names.js";

// The HTTP contract between the agent and its clients. The agent validates its
// requests and shapes its responses with these schemas, and the client parses
// responses with them, so the two cannot drift.

/** Where a workspace stands, derived from Docker's container state. */
export const workspaceStatusSchema = v.picklist(["running", "stopped", "starting", "created", "paused", "restarting", "removing", "dead"]);
export type WorkspaceStatus = v.InferOutput<typeof workspaceStatusSchema>;

/** Tailnet state of one workspace as Perry reports it. */
export const tailscaleStateSchema = v.picklist([
  "disabled", // no auth key configured, or tailscale.enabled is false
  "pending-restart", // settings changed since the workspace started; restart to apply
  "stopped", // the workspace is not running
  "starting", // tailscaled starting or logging in
  "needs-login", // the key was refused or expired
  "needs-approval", // the control server waits for an admin to approve the node
  "waiting", // the control server is unreachable; the workspace keeps trying
  "running",
  "error",
  "unknown", // no report from the workspace yet
]);
export type TailscaleState = v.InferOutput<typeof tailscaleStateSchema>;

/** The Tailscale part of a workspace. */
export const workspaceTailscaleSchema = v.object({
  state: tailscaleStateSchema,
  /** The hostname Perry asked for: `<prefix><name>`. */
  hostname: v.optional(v.string()),
  /** The name the tailnet actually gave (differs from `hostname` when it drifted, e.g. `myproject-1`). */
  actualHostname: v.optional(v.string()),
  /** Full MagicDNS name without the trailing dot. */
  dnsName: v.optional(v.string()),
  ips: v.array(v.string()),
  online: v.boolean(),
  /** A short reason and fix, when state is needs-login, waiting or error. */
  error: v.optional(v.string()),
  /** How often the workspace's tailscaled died and was restarted since the workspace last started (absent when never). */
  restarts: v.optional(v.number()),
  /** What happened the last time, e.g. "tailscaled was killed by signal 9 (KILL) at 2025-01-01T10:00:00Z; restarted". */
  lastRestart: v.optional(v.string()),
  updatedAt: v.optional(v.string()),
});
export type WorkspaceTailscale = v.InferOutput<typeof workspaceTailscaleSchema>;

/** One workspace. */
export const workspaceSchema = v.object({
  name: v.string(),
  status: workspaceStatusSchema,
  /** Docker's own words, e.g. "Up 3 minutes". */
  dockerStatus: v.string(),
  container: v.string(),
  image: v.string(),
  createdAt: v.string(),
  tailscale: workspaceTailscaleSchema,
});
export type Workspace = v.InferOutput<typeof workspaceSchema>;

/** GET /api/workspaces */
export const workspaceListSchema = v.object({ workspaces: v.array(workspaceSchema) });
export type WorkspaceList = v.InferOutput<typeof workspaceListSchema>;

/** POST /api/workspaces */
export const createWorkspaceRequestSchema = v.strictObject({
  name: workspaceNameSchema,
  clone: v.optional(v.pipe(v.string(), v.minLength(1), v.maxLength(2048))),
});
export type CreateWorkspaceRequest = v.InferOutput<typeof createWorkspaceRequestSchema>;

/** Answer of POST /api/workspaces: the workspace, plus how `clone` went when one was asked for. */
export const createWorkspaceResponseSchema = v.object({ ...workspaceSchema.entries, clone: v.optional(cloneResultSchema) });
export type CreateWorkspaceResponse = v.InferOutput<typeof createWorkspaceResponseSchema>;

/** POST /api/workspaces/:name/start — `create: true` creates the workspace when it does not exist (`perry start myproject`). */
export const startWorkspaceRequestSchema = v.strictObject({
  create: v.optional(v.boolean()),
  clone: v.optional(v.pipe(v.string(), v.minLength(1), v.maxLength(2048))),
});
export type StartWorkspaceRequest = v.InferOutput<typeof startWorkspaceRequestSchema>;

/** Result of start: whether the workspace was created by this call, and how `clone` went. */
export const startWorkspaceResponseSchema = v.object({ workspace: workspaceSchema, created: v.boolean(), clone: v.optional(cloneResultSchema) });
export type StartWorkspaceResponse = v.InferOutput<typeof startWorkspaceResponseSchema>;

/** The agent's own Tailscale status (user docs Part 1). */
export const agentTailscaleSchema = v.object({
  /** not-installed | not-running | needs-login | running | error */
  state: v.picklist(["not-installed", "not-running", "needs-login", "stopped", "running", "error"]),
  dnsName: v.optional(v.string()),
  ips: v.array(v.string()),
  httpsEnabled: v.boolean(),
  /** enabled: Serve proxies HTTPS to the agent; denied: no operator permission; unavailable: HTTPS off or Tailscale absent. */
  serve: v.picklist(["enabled", "denied", "unavailable", "off"]),
  httpsUrl: v.optional(v.string()),
  /** The agent is reachable at http://<tailnet IP>:<port> when Serve is not used. */
  tailnetUrl: v.optional(v.string()),
  message: v.optional(v.string()),
});
export type AgentTailscale = v.InferOutput<typeof agentTailscaleSchema>;

/** GET /api/info */
export const agentInfoSchema = v.object({
  version: v.string(),
  hostname: v.string(),
  url: v.string(),
  docker: v.object({ available: v.boolean(), version: v.optional(v.string()), error: v.optional(v.string()) }),
  tailscale: agentTailscaleSchema,
  workspaceTailscale: v.object({
    enabled: v.boolean(),
    hostnamePrefix: v.string(),
    authKey: v.optional(v.string()),
    source: v.picklist(["file", "env", "none"]),
  }),
});
export type AgentInfo = v.InferOutput<typeof agentInfoSchema>;

/** GET /api/health */
export const healthSchema = v.object({ ok: v.boolean(), version: v.string() });
export type Health = v.InferOutput<typeof healthSchema>;

/** Every error response: `{ error: { code, message, hint? } }`. */
export const errorBodySchema = v.object({
  error: v.object({
    code: v.string(),
    message: v.string(),
    hint: v.optional(v.string()),
    /** Per-field problems for validation errors, keyed by dot path (`tailscale.authKey`). */
    fields: v.optional(v.array(v.object({ path: v.string(), message: v.string() }))),
  }),
});
export type ErrorBody = v.InferOutput<typeof errorBodySchema>;

/** Server-sent events on GET /api/events (event name → data). */
export const workspaceEventSchema = v.variant("type", [
  v.object({ type: v.literal("workspace"), workspace: workspaceSchema }),
  v.object({ type: v.literal("workspace-removed"), name: v.string() }),
  v.object({ type: v.literal("progress"), name: v.string(), step: v.string(), message: v.string() }),
]);
export type WorkspaceEvent = v.InferOutput<typeof workspaceEventSchema>;
