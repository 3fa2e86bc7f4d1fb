/** How workspaces read in the terminal: the list table, the detail view and the start summary. */
import type { StartWorkspaceResponse, Workspace, WorkspaceTailscale } from "@perry/api-client";
import { formatAge } from "./age.js";
import { renderFields, renderTable } from "./table.js";

const EMPTY_LIST = "No workspaces yet. Create one with `perry start <name>`";

/** The name the workspace has on the tailnet: what it was given, else what Perry asked for. */
export function tailnetHost(tailscale: WorkspaceTailscale): string | undefined {
  return tailscale.actualHostname ?? tailscale.hostname;
}

/** The TAILSCALE cell: hostname when joined, `-` when off, otherwise the state (with a short reason for errors). */
export function tailscaleCell(tailscale: WorkspaceTailscale): string {
  if (tailscale.state === "disabled") return "-";
  if (tailscale.state === "running") {
    const host = tailnetHost(tailscale);
    if (host === undefined) return "running";
    return drifted(tailscale) ? `${tailscale.hostname} (gave: ${tailscale.actualHostname})` : host;
  }
  if (tailscale.state === "error") return tailscale.error ? `error: ${shortReason(tailscale.error)}` : "error";
  return tailscale.state;
}

/** The `perry list` table, or a pointer to `perry start` when there is nothing to list. */
export function renderWorkspaceList(workspaces: readonly Workspace[], now: Date): string {
  if (workspaces.length === 0) return EMPTY_LIST;
  const rows = workspaces.map((ws) => [ws.name, ws.status, tailscaleCell(ws.tailscale), formatAge(ws.createdAt, now)]);
  return renderTable(["NAME", "STATUS", "TAILSCALE", "CREATED"], rows);
}

/** `perry info <name>`: everything about one workspace, with ready-to-copy addresses. */
export function renderWorkspace(ws: Workspace, now: Date): string {
  const ts = ws.tailscale;
  const host = ts.state === "running" ? tailnetHost(ts) : undefined;
  return renderFields([
    ["Name", ws.name],
    ["Status", ws.dockerStatus && ws.dockerStatus !== ws.status ? `${ws.status} (${ws.dockerStatus})` : ws.status],
    ["Container", ws.container],
    ["Image", ws.image],
    ["Created", `${ws.createdAt} (${formatAge(ws.createdAt, now)} ago)`],
    ["Tailscale", ts.state],
    ["Hostname", ts.hostname === undefined ? undefined : drifted(ts) ? `${ts.hostname} (gave: ${ts.actualHostname})` : ts.hostname],
    ["FQDN", ts.dnsName],
    ["IPs", ts.ips.length > 0 ? ts.ips.join(", ") : undefined],
    ["Online", ts.state === "disabled" ? undefined : ts.online ? "yes" : "no"],
    ["Error", ts.error],
    ["Restarts", ts.restarts ? `tailscaled restarted ${ts.restarts}× (last: ${ts.lastRestart ?? "unknown"})` : undefined],
    ["SSH", host === undefined ? undefined : `ssh workspace@${host}`],
    ["Web", host === undefined ? undefined : `http://${host}:<port>`],
  ]);
}

/** What `perry start` prints: the verb, then where the workspace is on the tailnet. */
export function renderStarted(result: StartWorkspaceResponse): string {
  const { workspace, created } = result;
  const lines = [`${created ? "Created and started" : "Started"} ${workspace.name}`];
  const line = tailnetLine(workspace.tailscale);
  if (line) lines.push(line);
  return lines.join("\n");
}

function tailnetLine(ts: WorkspaceTailscale): string | undefined {
  if (ts.state === "disabled") return undefined;
  const host = tailnetHost(ts);
  if (ts.state === "running" && host !== undefined) return `Tailnet: http://${host}${ts.dnsName ? ` (${ts.dnsName})` : ""}`;
  const reason = ts.error ? `: ${ts.error}` : "";
  return `Tailnet: ${host ?? "not joined"} (${ts.state}${reason})`;
}

function drifted(ts: WorkspaceTailscale): boolean {
  return ts.actualHostname !== undefined && ts.hostname !== undefined && ts.actualHostname !== ts.hostname;
}

// The first sentence, cut to fit a table cell; `perry info <name>` shows the whole text.
function shortReason(text: string): string {
  const sentence = text.split(/(?<=\.)\s|\n/)[0]?.replace(/\.$/, "") ?? text;
  return sentence.length > 40 ? `${sentence.slice(0, 39)}…` : sentence;
}
