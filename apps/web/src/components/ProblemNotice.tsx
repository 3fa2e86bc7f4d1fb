import { Show } from "solid-js";
import type { Problem } from "../lib/api.js";

/** A failed request, with the agent's hint when it gave one. */
export function ProblemNotice(props: { problem: Problem | undefined; title?: string }) {
  return (
    <Show when={props.problem}>
      {(problem) => (
        <div class="notice notice-error" role="alert">
          <p>
            <strong>{props.title ?? "Something went wrong"}:</strong> {problem().message}
          </p>
          <Show when={problem().hint}>
            <p class="hint">{problem().hint}</p>
          </Show>
        </div>
      )}
    </Show>
  );
}
