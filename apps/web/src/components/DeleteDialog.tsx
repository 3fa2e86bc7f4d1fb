import { createSignal, onCleanup, onMount, Show } from "solid-js";

/** Asks the user to type the workspace name before deleting it; Escape or Cancel closes it. */
export function DeleteDialog(props: { name: string; busy?: boolean; onConfirm: () => void; onCancel: () => void }) {
  const [typed, setTyped] = createSignal("");
  const matches = () => typed() === props.name;
  let input: HTMLInputElement | undefined;
  const titleId = `delete-title-${props.name}`;
  const onKey = (event: KeyboardEvent) => {
    if (event.key === "Escape") props.onCancel();
  };
  onMount(() => {
    input?.focus();
    document.addEventListener("keydown", onKey);
  });
  onCleanup(() => document.removeEventListener("keydown", onKey));

  return (
    <div class="backdrop">
      <div class="dialog" role="dialog" aria-modal="true" aria-labelledby={titleId}>
        <h2 id={titleId}>Delete {props.name}?</h2>
        <p>
          This removes the container and its data, and logs the workspace out of your tailnet. It cannot be undone.
        </p>
        <form
          onSubmit={(event) => {
            event.preventDefault();
            if (matches() && !props.busy) props.onConfirm();
          }}
        >
          <div class="field">
            <label for={`delete-confirm-${props.name}`}>
              Type <code>{props.name}</code> to confirm
            </label>
            <input
              ref={input}
              id={`delete-confirm-${props.name}`}
              type="text"
              autocomplete="off"
              spellcheck={false}
              value={typed()}
              onInput={(event) => setTyped(event.currentTarget.value)}
            />
          </div>
          <div class="actions">
            <button type="button" class="secondary" onClick={() => props.onCancel()}>
              Cancel
            </button>
            <button type="submit" class="danger" disabled={!matches() || props.busy}>
              <Show when={props.busy} fallback="Delete workspace">
                Deleting…
              </Show>
            </button>
          </div>
        </form>
      </div>
    </div>
  );
}
