import { createSignal, Show } from "solid-js";
import { checkWorkspaceName } from "../lib/api.js";

/** Creates and starts a workspace; the name is checked as it is typed, with a suggested fix. */
export function CreateWorkspaceForm(props: {
  existing: string[];
  /** Resolves to whether the workspace was created and started. */
  onCreate: (name: string, clone: string | undefined) => Promise<boolean>;
  /** The latest progress message for a workspace being created. */
  progressFor: (name: string) => string | undefined;
}) {
  const [name, setName] = createSignal("");
  const [clone, setClone] = createSignal("");
  const [creating, setCreating] = createSignal<string>();
  const problem = () => {
    if (name() === "") return undefined;
    const found = checkWorkspaceName(name());
    if (found) return found;
    if (props.existing.includes(name())) return { message: `A workspace named ${name()} already exists; start it from its card.` };
    return undefined;
  };
  const suggestion = () => {
    const found = problem();
    return found && "suggestion" in found ? found.suggestion : undefined;
  };

  return (
    <form
      class="create-form"
      aria-labelledby="create-title"
      onSubmit={async (event) => {
        event.preventDefault();
        if (name() === "" || problem() || creating()) return;
        const target = name();
        setCreating(target);
        const ok = await props.onCreate(target, clone().trim() || undefined);
        setCreating(undefined);
        if (ok) {
          setName("");
          setClone("");
        }
      }}
    >
      <h2 id="create-title">New workspace</h2>
      <div class="row">
        <div class="field">
          <label for="create-name">Name</label>
          <input
            id="create-name"
            type="text"
            autocomplete="off"
            spellcheck={false}
            placeholder="myproject"
            value={name()}
            aria-invalid={problem() ? "true" : undefined}
            aria-describedby="create-name-rule create-name-error"
            onInput={(event) => setName(event.currentTarget.value)}
          />
          <p class="help" id="create-name-rule">
            Lowercase letters, digits and dashes; it becomes the workspace's tailnet hostname.
          </p>
          <Show when={problem()}>
            {(found) => (
              <div class="field-error" id="create-name-error" role="alert">
                <p>Error: {found().message}</p>
                <Show when={suggestion()}>
                  {(suggested) => (
                    <button type="button" class="link" onClick={() => setName(suggested())}>
                      Use “{suggested()}” instead
                    </button>
                  )}
                </Show>
              </div>
            )}
          </Show>
        </div>
        <div class="field">
          <label for="create-clone">Git repository to clone (optional)</label>
          <input
            id="create-clone"
            type="text"
            inputmode="url"
            autocomplete="off"
            spellcheck={false}
            placeholder="https://github.com/you/app"
            value={clone()}
            onInput={(event) => setClone(event.currentTarget.value)}
          />
        </div>
      </div>
      <div class="actions">
        <button type="submit" disabled={name() === "" || problem() !== undefined || creating() !== undefined}>
          {creating() ? "Starting…" : "Create and start"}
        </button>
        <Show when={creating()}>
          {(target) => (
            <output class="progress">{props.progressFor(target()) ?? `Creating ${target()}…`}</output>
          )}
        </Show>
      </div>
    </form>
  );
}
