import { Show } from "solid-js";
import { currentSecret, type ConfigForm, type SecretPath } from "../lib/config-form.js";
import { FieldError } from "./FieldError.js";

const SOURCE_TEXT = { file: "(from config file)", env: "", none: "" } as const;

/** A write-only secret input: shows only the masked current value, can replace or clear it. */
export function SecretField(props: { form: ConfigForm; path: SecretPath; label: string; envVar?: string; placeholder?: string; help?: string; check?: (value: string) => string | undefined }) {
  const id = () => `field-${props.path.replace(/\./g, "-")}`;
  const current = () => currentSecret(props.form.view(), props.path);
  const fromEnv = () => current().source === "env";
  const cleared = () => props.form.draft.cleared[props.path];
  const error = () => props.form.errors[props.path];
  const describedBy = () => [`${id()}-current`, props.help ? `${id()}-help` : "", error() ? `${id()}-error` : ""].filter(Boolean).join(" ");

  return (
    <div class="field">
      <label for={id()}>{props.label}</label>
      <input
        id={id()}
        type="password"
        autocomplete="off"
        spellcheck={false}
        value={props.form.draft.secrets[props.path]}
        placeholder={current().masked ? "Paste a new value to replace it" : (props.placeholder ?? "")}
        disabled={fromEnv()}
        aria-invalid={error() ? "true" : undefined}
        aria-describedby={describedBy()}
        onInput={(event) => {
          props.form.setDraft("secrets", props.path, event.currentTarget.value);
          props.form.setErrors(props.path, props.check?.(event.currentTarget.value));
        }}
      />
      <p class="field-current" id={`${id()}-current`}>
        <Show when={current().masked} fallback="Not set.">
          <Show when={!cleared()} fallback={<>Current value {current().masked} will be removed when you save.</>}>
            Current {props.path === "tailscale.authKey" ? "key" : "value"}: <code>{current().masked}</code>{" "}
            {fromEnv() ? `(set by ${props.envVar ?? "an environment variable"}; change it there)` : SOURCE_TEXT[current().source]}
          </Show>
        </Show>
      </p>
      <Show when={current().masked && !fromEnv()}>
        <button type="button" class="secondary small" onClick={() => props.form.setDraft("cleared", props.path, !cleared())}>
          {cleared() ? "Keep current value" : "Clear"}
        </button>
      </Show>
      <Show when={props.help}>
        <p class="help" id={`${id()}-help`}>
          {props.help}
        </p>
      </Show>
      <FieldError id={`${id()}-error`} message={error()} />
    </div>
  );
}
