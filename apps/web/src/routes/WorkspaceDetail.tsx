import { A, useParams } from "@solidjs/router";
import { createResource, Match, Show, Switch } from "solid-js";
import { CopyButton } from "../components/CopyButton.js";
import { TailscaleLine } from "../components/TailscaleLine.js";
import { describeError, readText, useApi } from "../lib/api.js";
import { summarizeTailscale } from "../lib/tailscale-text.js";

/** `/workspaces/:name`: status, container, tailnet details with copyable commands, and recent logs. */
export function WorkspaceDetail() {
  const params = useParams();
  const api = useApi();
  const [workspace, { refetch }] = createResource(() => params.name, (name) => api.getWorkspace(name));
  const [logs, { refetch: refetchLogs }] = createResource(
    () => params.name,
    async (name) => readText(await api.logs(name, { tail: 200 })),
  );

  return (
    <>
      <p>
        <A href="/">← Workspaces</A>
      </p>
      <h1>{params.name}</h1>
      <Show when={workspace()} fallback={<p>Loading…</p>}>
        {(ws) => {
          const ts = () => ws().tailscale;
          const host = () => summarizeTailscale(ts()).host;
          return (
            <>
              <section class="panel" aria-labelledby="overview-title">
                <h2 id="overview-title">Overview</h2>
                <dl class="facts">
                  <dt>Status</dt>
                  <dd>
                    <span class={`status status-${ws().status}`}>{ws().status}</span> {ws().dockerStatus}
                  </dd>
                  <dt>Container</dt>
                  <dd>
                    <code>{ws().container}</code>
                  </dd>
                  <dt>Image</dt>
                  <dd>
                    <code>{ws().image}</code>
                  </dd>
                  <dt>Created</dt>
                  <dd>{new Date(ws().createdAt).toLocaleString()}</dd>
                </dl>
                <button type="button" class="secondary" onClick={() => void refetch()}>
                  Refresh
                </button>
              </section>
              <section class="panel" aria-labelledby="tailscale-title">
                <h2 id="tailscale-title">Tailscale</h2>
                <TailscaleLine tailscale={ts()} />
                <dl class="facts">
                  <dt>State</dt>
                  <dd>{ts().state}</dd>
                  <dt>Hostname</dt>
                  <dd>{ts().hostname ?? "—"}</dd>
                  <Show when={ts().actualHostname && ts().actualHostname !== ts().hostname}>
                    <dt>Name on the tailnet</dt>
                    <dd>{ts().actualHostname}</dd>
                  </Show>
                  <dt>FQDN</dt>
                  <dd>{ts().dnsName ?? "—"}</dd>
                  <dt>IPs</dt>
                  <dd>{ts().ips.length > 0 ? ts().ips.join(", ") : "—"}</dd>
                  <dt>Online</dt>
                  <dd>{ts().online ? "yes" : "no"}</dd>
                </dl>
                <Show when={host()}>
                  {(name) => (
                    <div class="copies">
                      <CopyButton label="SSH command" text={`ssh workspace@${name()}`} />
                      <CopyButton label="web URL" text={`http://${name()}:3000`} />
                    </div>
                  )}
                </Show>
              </section>
            </>
          );
        }}
      </Show>
      <section class="panel" aria-labelledby="logs-title">
        <h2 id="logs-title">Recent logs</h2>
        <button type="button" class="secondary" onClick={() => void refetchLogs()}>
          Reload logs
        </button>
        <Switch fallback={<p>Loading logs…</p>}>
          <Match when={logs.error as unknown}>{(error) => <p role="alert">Could not load logs: {describeError(error()).message}</p>}</Match>
          <Match when={logs() !== undefined}>
            <pre class="logs" tabindex="0" role="log" aria-label="Last 200 log lines">
              {logs() || "(no output yet)"}
            </pre>
          </Match>
        </Switch>
      </section>
    </>
  );
}
