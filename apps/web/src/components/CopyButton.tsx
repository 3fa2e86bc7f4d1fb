import { createSignal } from "solid-js";

/** Shows a command and copies it to the clipboard; the result is announced in words. */
export function CopyButton(props: { text: string; label: string }) {
  const [status, setStatus] = createSignal("");
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(props.text);
      setStatus("Copied");
    } catch {
      setStatus("Copy failed: select the text and copy it");
    }
  };
  return (
    <div class="copy">
      <code>{props.text}</code>
      <button type="button" class="secondary small" onClick={copy} aria-label={`Copy ${props.label}`}>
        Copy
      </button>
      <output class="muted small">{status()}</output>
    </div>
  );
}
