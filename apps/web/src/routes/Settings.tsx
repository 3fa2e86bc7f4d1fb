import { createResource, createSignal, For, Show } from "solid-js";
import { AgentsSection, GitHubSection, NetworkingSection, SshKeysSection } from "../components/ConfigSections.js";
import { ProblemNotice } from "../components/ProblemNotice.js";
import { useApi, type ConfigView } from "../lib/api.js";
import { ALL_SECTIONS, createConfigForm } from "../lib/config-form.js";
import { restartRunningWorkspaces, type RestartResult } from "../lib/restart.js";

/** `/settings` (Settings > Configuration): every setting on one page. */
export function Settings() {
  const api = useApi();
  const [config] = createResource(() => api.getConfig());
  return (
    <>
      <h1>Configuration</h1>
      <Show when={config()} fallback={<p>Loading configuration…</p>}>
        {(view) => <SettingsForm initial={view()} />}
      </Show>
    </>
  );
}

function SettingsForm(props: { initial: ConfigView }) {
  const api = useApi();
  const form = createConfigForm(api, props.initial);
  const [saved, setSaved] = createSignal(false);
  const [restartStep, setRestartStep] = createSignal<string>();
  const [restartResults, setRestartResults] = createSignal<RestartResult[]>();

  const restart = async () => {
    setRestartResults(undefined);
    setRestartStep("Looking for running workspaces…");
    try {
      setRestartResults(await restartRunningWorkspaces(api, setRestartStep));
    } finally {
      setRestartStep(undefined);
    }
  };

  return (
    <form
      class="settings"
      novalidate
      onSubmit={async (event) => {
        event.preventDefault();
        setSaved(false);
        if (await form.save(ALL_SECTIONS)) setSaved(true);
      }}
    >
      <AgentsSection form={form} />
      <GitHubSection form={form} />
      <SshKeysSection form={form} />
      <NetworkingSection form={form} />
      <ProblemNotice problem={form.problem()} title="Not saved" />
      <Show when={Object.values(form.errors).some(Boolean)}>
        <p class="field-error" role="alert">
          Error: fix the fields marked above, then save again.
        </p>
      </Show>
      <div class="actions">
        <button type="submit" disabled={form.saving()}>
          {form.saving() ? "Saving…" : "Save"}
        </button>
      </div>
      <Show when={saved()}>
        <div class="notice notice-ok">
          <output>Saved. Existing workspaces pick up the change when they restart.</output>
          <button type="button" class="secondary" onClick={() => void restart()} disabled={restartStep() !== undefined}>
            Restart running workspaces
          </button>
          <output>{restartStep()}</output>
          <Show when={restartResults()}>
            {(results) => (
              <Show when={results().length > 0} fallback={<p>No workspace is running.</p>}>
                <ul>
                  <For each={results()}>{(result) => <li>{result.error ? `${result.name}: failed: ${result.error}` : `${result.name}: restarted`}</li>}</For>
                </ul>
              </Show>
            )}
          </Show>
        </div>
      </Show>
    </form>
  );
}
