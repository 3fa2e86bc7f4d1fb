import { A } from "@solidjs/router";
import { createSignal, Show } from "solid-js";
import type { Problem, Workspace } from "../lib/api.js";
import { DeleteDialog } from "./DeleteDialog.js";
import { ProblemNotice } from "./ProblemNotice.js";
import { TailscaleLine } from "./TailscaleLine.js";

/** A workspace on the dashboard: status, tailnet name, and Start / Stop / Delete. */
export function WorkspaceCard(props: {
  workspace: Workspace;
  busy?: "starting" | "stopping" | "deleting" | undefined;
  progress?: string | undefined;
  problem?: Problem | undefined;
  onStart: () => void;
  onStop: () => void;
  /** Resolves to whether the workspace is gone, to close the dialog. */
  onDelete: () => Promise<boolean>;
}) {
  const [confirming, setConfirming] = createSignal(false);
  let deleteButton: HTMLButtonElement | undefined;
  const running = () => props.workspace.status === "running";
  const closeDialog = () => {
    setConfirming(false);
    deleteButton?.focus();
  };

  return (
    <li class="card" aria-labelledby={`ws-${props.workspace.name}`}>
      <div class="card-head">
        <h3 id={`ws-${props.workspace.name}`}>
          <A href={`/workspaces/${encodeURIComponent(props.workspace.name)}`}>{props.workspace.name}</A>
        </h3>
        <span class={`status status-${props.workspace.status}`}>{props.workspace.status}</span>
      </div>
      <p class="muted small">{props.workspace.dockerStatus}</p>
      <TailscaleLine tailscale={props.workspace.tailscale} />
      <Show when={props.busy === "starting" || props.busy === "stopping"}>
        <output class="progress">{props.progress ?? (props.busy === "starting" ? "Starting…" : "Stopping…")}</output>
      </Show>
      <ProblemNotice problem={props.problem} title="Failed" />
      <div class="actions">
        <Show
          when={running()}
          fallback={
            <button type="button" onClick={() => props.onStart()} disabled={props.busy !== undefined}>
              {props.busy === "starting" ? "Starting…" : "Start"}
            </button>
          }
        >
          <button type="button" class="secondary" onClick={() => props.onStop()} disabled={props.busy !== undefined}>
            {props.busy === "stopping" ? "Stopping…" : "Stop"}
          </button>
        </Show>
        <button ref={deleteButton} type="button" class="danger-outline" onClick={() => setConfirming(true)} disabled={props.busy !== undefined && props.busy !== "deleting"}>
          Delete
        </button>
      </div>
      <Show when={confirming()}>
        <DeleteDialog
          name={props.workspace.name}
          busy={props.busy === "deleting"}
          onCancel={closeDialog}
          onConfirm={async () => {
            if (await props.onDelete()) setConfirming(false);
          }}
        />
      </Show>
    </li>
  );
}
