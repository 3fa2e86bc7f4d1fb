import { A, useLocation, useNavigate, type RouteSectionProps } from "@solidjs/router";
import { createEffect, createResource, ErrorBoundary, on } from "solid-js";
import { useApi } from "../lib/api.js";
import { AgentStatus } from "./AgentStatus.js";
import { PageError } from "./PageError.js";

/** The frame around every page: navigation (a sidebar, a top bar on phones), the agent's status, and the first-run redirect. */
export function Layout(props: RouteSectionProps) {
  const api = useApi();
  const navigate = useNavigate();
  const location = useLocation();
  // A failed config read must not block the UI: the pages show their own errors.
  const [config] = createResource(() => api.getConfig().catch(() => undefined));
  createEffect(
    on(config, (view) => {
      if (view && !view.setupComplete && location.pathname !== "/setup") navigate("/setup");
    }),
  );

  return (
    <div class="shell">
      <a class="skip-link" href="#main">
        Skip to content
      </a>
      <header class="sidebar">
        <A href="/" class="brand" end>
          Perry
        </A>
        <nav aria-label="Main">
          <ul>
            <li>
              <A href="/" end activeClass="active">
                Workspaces
              </A>
            </li>
            <li class="nav-group">
              <span class="nav-group-title" id="nav-settings">
                Settings
              </span>
              <ul aria-labelledby="nav-settings">
                <li>
                  <A href="/settings" activeClass="active">
                    Configuration
                  </A>
                </li>
              </ul>
            </li>
          </ul>
        </nav>
        <AgentStatus />
      </header>
      <main id="main" tabindex="-1">
        <ErrorBoundary fallback={(error, reset) => <PageError error={error} reset={reset} />}>{props.children}</ErrorBoundary>
      </main>
    </div>
  );
}
