import { createResource, For, Show, type JSX } from "solid-js";
import { useApi } from "../lib/api.js";
import type { ConfigForm } from "../lib/config-form.js";
import { checkAuthKey, checkHostnamePrefix, previewHostname } from "../lib/validate.js";
import { FieldError } from "./FieldError.js";
import { SecretField } from "./SecretField.js";

// The configuration sections, shared by the settings page (all at once) and the
// setup wizard (one per step), so both write the same config.

function Section(props: { id: string; title: string; intro?: JSX.Element; children: JSX.Element }) {
  return (
    <section class="config-section" aria-labelledby={`${props.id}-title`}>
      <h2 id={`${props.id}-title`}>{props.title}</h2>
      <Show when={props.intro}>
        <p class="help">{props.intro}</p>
      </Show>
      {props.children}
    </section>
  );
}

/** API keys for the coding agents inside workspaces. */
export function AgentsSection(props: { form: ConfigForm }) {
  return (
    <Section id="agents" title="AI agents" intro="Keys are passed to workspaces so coding agents can run there.">
      <SecretField form={props.form} path="agents.anthropicApiKey" label="Anthropic API key" placeholder="sk-ant-…" />
      <SecretField form={props.form} path="agents.openaiApiKey" label="OpenAI API key" placeholder="sk-…" />
    </Section>
  );
}

/** The GitHub token used for cloning private repositories. */
export function GitHubSection(props: { form: ConfigForm }) {
  return (
    <Section id="github" title="GitHub" intro="Used to clone private repositories and for git inside workspaces.">
      <SecretField form={props.form} path="github.token" label="GitHub token" placeholder="ghp_… or github_pat_…" />
    </Section>
  );
}

/** Which of the host's public keys may SSH into workspaces. */
export function SshKeysSection(props: { form: ConfigForm }) {
  const api = useApi();
  const [hostKeys] = createResource(() => api.hostSshKeys().catch(() => []));
  const toggle = (key: string, on: boolean) =>
    props.form.setDraft("authorizedKeys", (keys) => (on ? [...keys.filter((k) => k !== key), key] : keys.filter((k) => k !== key)));
  return (
    <Section id="ssh" title="SSH keys" intro="Public keys allowed to log in with ssh workspace@<host>.">
      <Show when={hostKeys()} fallback={<p>Looking for keys in ~/.ssh…</p>}>
        {(keys) => (
          <Show when={keys().length > 0} fallback={<p>No public keys found in ~/.ssh on the agent's host.</p>}>
            <fieldset class="checks">
              <legend>Keys found on the agent's host</legend>
              <For each={keys()}>
                {(key, index) => (
                  <div class="check">
                    <input
                      type="checkbox"
                      id={`ssh-key-${index()}`}
                      checked={props.form.draft.authorizedKeys.includes(key.key)}
                      onChange={(event) => toggle(key.key, event.currentTarget.checked)}
                    />
                    <label for={`ssh-key-${index()}`}>
                      {key.type} {key.comment} <span class="muted">({key.file})</span>
                    </label>
                  </div>
                )}
              </For>
            </fieldset>
          </Show>
        )}
      </Show>
      <FieldError id="field-ssh-error" message={props.form.errors["ssh.authorizedKeys"]} />
    </Section>
  );
}

/** Tailscale for workspaces: on/off, auth key, hostname prefix, and which key to generate. */
export function NetworkingSection(props: { form: ConfigForm }) {
  const prefixError = () => props.form.errors["tailscale.hostnamePrefix"];
  return (
    <Section id="networking" title="Networking" intro="Give each workspace its own hostname on your tailnet.">
      <div class="field check">
        <input
          id="field-tailscale-enabled"
          type="checkbox"
          checked={props.form.draft.tailscaleEnabled}
          onChange={(event) => {
            props.form.setDraft("tailscaleEnabled", event.currentTarget.checked);
            props.form.setErrors("tailscale.authKey", undefined);
          }}
        />
        <label for="field-tailscale-enabled">Enable Tailscale</label>
      </div>
      <SecretField
        form={props.form}
        path="tailscale.authKey"
        label="Tailscale auth key"
        envVar="PERRY_TAILSCALE_AUTH_KEY"
        placeholder="tskey-auth-…"
        check={checkAuthKey}
        help="Starts with tskey-auth- (or tskey-client- for an OAuth client secret)."
      />
      <details class="guidance" open>
        <summary>Which key should I generate?</summary>
        <p>
          In the Tailscale admin console go to <strong>Settings &gt; Keys</strong> and click <strong>Generate auth key</strong>:
        </p>
        <ul>
          <li>
            <strong>Reusable: yes</strong>, so every workspace can use it.
          </li>
          <li>
            <strong>Ephemeral: recommended</strong>. Offline workspaces deregister automatically, so no orphaned devices clutter your
            tailnet; workspaces re-register on every start.
          </li>
          <li>
            <strong>Tags: optional</strong>, for ACL control (e.g. tag:perry-workspace).
          </li>
        </ul>
      </details>
      <div class="field">
        <label for="field-tailscale-hostnamePrefix">Hostname prefix</label>
        <input
          id="field-tailscale-hostnamePrefix"
          type="text"
          autocomplete="off"
          spellcheck={false}
          placeholder="none (e.g. perry-)"
          value={props.form.draft.hostnamePrefix}
          aria-invalid={prefixError() ? "true" : undefined}
          aria-describedby="field-tailscale-hostnamePrefix-preview field-tailscale-hostnamePrefix-error"
          onInput={(event) => {
            props.form.setDraft("hostnamePrefix", event.currentTarget.value);
            props.form.setErrors("tailscale.hostnamePrefix", checkHostnamePrefix(event.currentTarget.value));
          }}
        />
        <p class="help" id="field-tailscale-hostnamePrefix-preview" aria-live="polite">
          Workspace <code>myproject</code> becomes <code>{previewHostname(props.form.draft.hostnamePrefix)}</code> on your tailnet.
          Include the dash if you want one.
        </p>
        <FieldError id="field-tailscale-hostnamePrefix-error" message={prefixError()} />
      </div>
    </Section>
  );
}
