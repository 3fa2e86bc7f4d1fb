import { Route, Router } from "@solidjs/router";
import { Layout } from "./components/Layout.js";
import { ApiContext, type Api } from "./lib/api.js";
import { Dashboard } from "./routes/Dashboard.js";
import { NotFound } from "./routes/NotFound.js";
import { Settings } from "./routes/Settings.js";
import { Setup } from "./routes/Setup.js";
import { WorkspaceDetail } from "./routes/WorkspaceDetail.js";

/** The whole UI over one agent API. */
export function App(props: { api: Api }) {
  return (
    <ApiContext.Provider value={props.api}>
      <Router root={Layout}>
        <Route path="/" component={Dashboard} />
        <Route path="/workspaces/:name" component={WorkspaceDetail} />
        <Route path="/settings" component={Settings} />
        <Route path="/setup" component={Setup} />
        <Route path="*" component={NotFound} />
      </Router>
    </ApiContext.Provider>
  );
}
