import { createResource, Match, Show, Switch } from "solid-js";
import { describeError, useApi } from "../lib/api.js";

const AGENT_TAILSCALE_TEXT: Record<string, string> = {
  "not-installed": "Tailscale not installed: agent on localhost only",
  "not-running": "Tailscale not running: agent on localhost only",
  "needs-login": "Tailscale needs login: agent on localhost only",
  stopped: "Tailscale stopped: agent on localhost only",
  error: "Tailscale error",
};

/** The agent's own state: version, Docker, and whether it is reachable over the tailnet (DNS name, HTTPS URL). */
export function AgentStatus() {
  const api = useApi();
  const [info] = createResource(() => api.info());
  return (
    <section class="agent-status small" aria-labelledby="agent-status-title">
      <h2 id="agent-status-title">Agent</h2>
      <Switch fallback={<p class="muted">Checking…</p>}>
        <Match when={info.error as unknown}>
          {(error) => <p role="alert">Unreachable: {describeError(error()).message}</p>}
        </Match>
        <Match when={info()}>
          {(data) => (
            <>
              <p>
                {data().hostname} · v{data().version}
              </p>
              <Show when={!data().docker.available}>
                <p role="alert">Docker unavailable{data().docker.error ? `: ${data().docker.error}` : ""}</p>
              </Show>
              <Show when={data().tailscale.state === "running"} fallback={<p>{AGENT_TAILSCALE_TEXT[data().tailscale.state]}</p>}>
                <p>
                  On tailnet: <code>{data().tailscale.dnsName ?? data().tailscale.ips[0]}</code>
                </p>
                <Show when={data().tailscale.httpsUrl ?? data().tailscale.tailnetUrl}>
                  {(url) => (
                    <p>
                      <a href={url()}>{url()}</a>
                    </p>
                  )}
                </Show>
              </Show>
              <Show when={data().tailscale.message}>
                <p class="muted">{data().tailscale.message}</p>
              </Show>
            </>
          )}
        </Match>
      </Switch>
    </section>
  );
}
