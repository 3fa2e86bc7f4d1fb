import { useNavigate } from "@solidjs/router";
import { createResource, createSignal, For, Show } from "solid-js";
import { Dynamic } from "solid-js/web";
import { AgentsSection, GitHubSection, NetworkingSection, SshKeysSection } from "../components/ConfigSections.js";
import { ProblemNotice } from "../components/ProblemNotice.js";
import { useApi, type ConfigView } from "../lib/api.js";
import { createConfigForm, type ConfigSection } from "../lib/config-form.js";

const SECTION_VIEWS = { agents: AgentsSection, github: GitHubSection, ssh: SshKeysSection, networking: NetworkingSection };

const STEPS: { id: ConfigSection | "done"; title: string }[] = [
  { id: "agents", title: "AI agents" },
  { id: "github", title: "GitHub" },
  { id: "ssh", title: "SSH keys" },
  { id: "networking", title: "Networking" },
  { id: "done", title: "Done" },
];

/** `/setup`: the first-run wizard; each step saves its part of the config, every step can be skipped. */
export function Setup() {
  const api = useApi();
  const [config] = createResource(() => api.getConfig());
  return (
    <>
      <h1>Set up Perry</h1>
      <Show when={config()} fallback={<p>Loading…</p>}>
        {(view) => <Wizard initial={view()} />}
      </Show>
    </>
  );
}

function Wizard(props: { initial: ConfigView }) {
  const api = useApi();
  const navigate = useNavigate();
  const form = createConfigForm(api, props.initial);
  const [index, setIndex] = createSignal(0);
  let counter: HTMLParagraphElement | undefined;
  const step = () => STEPS[index()] ?? STEPS[0]!;
  const go = (next: number) => {
    form.clearErrors();
    setIndex(next);
    counter?.focus(); // keyboard and screen-reader users land on the new step
  };
  const finish = async () => {
    if (await form.save([], { setupComplete: true })) navigate("/");
  };

  return (
    <div class="wizard">
      <ol class="steps" aria-label="Setup steps">
        <For each={STEPS}>{(s, i) => <li aria-current={i() === index() ? "step" : undefined}>{s.title}</li>}</For>
      </ol>
      <p class="step-count" tabindex="-1" ref={counter}>
        Step {index() + 1} of {STEPS.length}: {step().title}
      </p>
      <form
        novalidate
        onSubmit={async (event) => {
          event.preventDefault();
          const id = step().id;
          if (id === "done") return void finish();
          if (await form.save([id])) go(index() + 1);
        }}
      >
        <Show when={step().id !== "done" ? SECTION_VIEWS[step().id as ConfigSection] : undefined} fallback={<Summary view={form.view()} />}>
          {(section) => <Dynamic component={section()} form={form} />}
        </Show>
        <ProblemNotice problem={form.problem()} title="Not saved" />
        <div class="actions">
          <Show when={index() > 0}>
            <button type="button" class="secondary" onClick={() => go(index() - 1)}>
              Back
            </button>
          </Show>
          <Show when={step().id !== "done"}>
            <button type="button" class="secondary" onClick={() => go(index() + 1)}>
              Skip
            </button>
          </Show>
          <button type="submit" disabled={form.saving()}>
            {step().id === "done" ? "Finish" : "Save and continue"}
          </button>
        </div>
      </form>
      <Show when={step().id !== "done"}>
        <p>
          <button type="button" class="link" onClick={() => void finish()}>
            Skip setup; I'll configure Perry later in Settings &gt; Configuration
          </button>
        </p>
      </Show>
    </div>
  );
}

function Summary(props: { view: ConfigView }) {
  const set = (value: string | undefined) => value ?? "not set";
  return (
    <section class="config-section" aria-labelledby="done-title">
      <h2 id="done-title">Done</h2>
      <p>You can change all of this later in Settings &gt; Configuration.</p>
      <dl class="facts">
        <dt>Anthropic API key</dt>
        <dd>{set(props.view.agents.anthropicApiKey)}</dd>
        <dt>OpenAI API key</dt>
        <dd>{set(props.view.agents.openaiApiKey)}</dd>
        <dt>GitHub token</dt>
        <dd>{set(props.view.github.token)}</dd>
        <dt>SSH keys</dt>
        <dd>{props.view.ssh.authorizedKeys.length}</dd>
        <dt>Tailscale</dt>
        <dd>
          {props.view.tailscale.enabled ? "on" : "off"}
          <Show when={props.view.tailscale.authKey}>
            {(key) => (
              <>
                , key <code>{key()}</code>
              </>
            )}
          </Show>
        </dd>
        <dt>Hostname prefix</dt>
        <dd>
          <code>{props.view.tailscale.hostnamePrefix || "(none)"}</code>
        </dd>
      </dl>
    </section>
  );
}
