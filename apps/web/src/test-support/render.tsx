import { createMemoryHistory, MemoryRouter, Route } from "@solidjs/router";
import { render } from "@solidjs/testing-library";
import type { JSX } from "solid-js";
import { ApiContext, type Api } from "../lib/api.js";

/**
 * Renders UI inside a memory router at `location`, with `api` provided as the app does.
 * (testing-library's own `location` option predates routers whose children are routes.)
 */
export function renderRouted(ui: () => JSX.Element, options: { api?: Api; location?: string; path?: string } = {}) {
  const history = createMemoryHistory();
  history.set({ value: options.location ?? "/", scroll: false, replace: true });
  const routed = () => (
    <MemoryRouter history={history}>
      <Route path={options.path ?? "*"} component={() => ui()} />
    </MemoryRouter>
  );
  const result = render(() => (options.api ? <ApiContext.Provider value={options.api}>{routed()}</ApiContext.Provider> : routed()));
  return { ...result, history };
}
