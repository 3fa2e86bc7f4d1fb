import { Show } from "solid-js";
import type { WorkspaceTailscale } from "../lib/api.js";
import { summarizeTailscale } from "../lib/tailscale-text.js";

/** One workspace's tailnet presence in words: the hostname when connected, otherwise its state and reason. */
export function TailscaleLine(props: { tailscale: WorkspaceTailscale }) {
  const summary = () => summarizeTailscale(props.tailscale);
  return (
    <div class={`tailscale tone-${summary().tone}`}>
      <p>
        <span class="label">Tailscale:</span>{" "}
        <Show when={summary().host} fallback={<span>{summary().text}</span>}>
          <code>{summary().host}</code>
        </Show>
      </p>
      <Show when={summary().detail}>
        <p class="detail">{summary().detail}</p>
      </Show>
    </div>
  );
}
