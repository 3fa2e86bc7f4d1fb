import { Show } from "solid-js";

/** An inline validation message in words (never colour alone); link it to its input with `aria-describedby={id}`. */
export function FieldError(props: { id: string; message: string | undefined }) {
  return (
    <Show when={props.message}>
      <p class="field-error" id={props.id} role="alert">
        Error: {props.message}
      </p>
    </Show>
  );
}
