import { createMemo, For, Show } from "solid-js";
import { CreateWorkspaceForm } from "../components/CreateWorkspaceForm.js";
import { ProblemNotice } from "../components/ProblemNotice.js";
import { WorkspaceCard } from "../components/WorkspaceCard.js";
import { useApi } from "../lib/api.js";
import { createLiveWorkspaces, type LiveWorkspaceOptions } from "../lib/workspaces.js";

/** `/`: every workspace as a card, kept live, with a form to create one. */
export function Dashboard(props: { live?: LiveWorkspaceOptions }) {
  const live = createLiveWorkspaces(useApi(), props.live);
  const workspaces = () => live.list.latest ?? [];
  // Cards are keyed by name so a refresh does not rebuild them (an open delete dialog survives polling).
  const names = createMemo(() => workspaces().map((workspace) => workspace.name), undefined, {
    equals: (a, b) => a.length === b.length && a.every((name, i) => name === b[i]),
  });
  const byName = createMemo(() => new Map(workspaces().map((workspace) => [workspace.name, workspace])));

  return (
    <>
      <h1>Workspaces</h1>
      <CreateWorkspaceForm
        existing={names()}
        onCreate={(name, clone) => live.start(name, { create: true, ...(clone ? { clone } : {}) })}
        progressFor={(name) => live.progress[name]}
      />
      <Show when={live.mode() === "polling"}>
        <output class="notice">Live updates interrupted; refreshing every 5 seconds.</output>
      </Show>
      <ProblemNotice problem={live.connectionProblem()} title="Cannot reach the agent" />
      <Show when={live.list()} fallback={<p>Loading workspaces…</p>}>
        <Show when={names().length > 0} fallback={<p class="empty">No workspaces yet. Create one above.</p>}>
          <ul class="cards" aria-label="Workspaces">
            <For each={names()}>
              {(name) => (
                <Show when={byName().get(name)}>
                  {(workspace) => (
                    <WorkspaceCard
                      workspace={workspace()}
                      busy={live.busy[name]}
                      progress={live.progress[name]}
                      problem={live.problems[name]}
                      onStart={() => void live.start(name)}
                      onStop={() => void live.stop(name)}
                      onDelete={() => live.remove(name)}
                    />
                  )}
                </Show>
              )}
            </For>
          </ul>
        </Show>
      </Show>
    </>
  );
}
