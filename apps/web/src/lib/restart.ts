import { describeError, type Api } from "./api.js";

/** How restarting one workspace went. */
export interface RestartResult {
  name: string;
  error?: string;
}

/** Stops and starts every running workspace so it picks up new settings; one failure does not stop the rest. */
export async function restartRunningWorkspaces(api: Api, onStep: (message: string) => void = () => {}): Promise<RestartResult[]> {
  const running = (await api.listWorkspaces()).filter((workspace) => workspace.status === "running");
  const results: RestartResult[] = [];
  for (const workspace of running) {
    onStep(`Restarting ${workspace.name}…`);
    try {
      await api.stopWorkspace(workspace.name);
      await api.startWorkspace(workspace.name);
      results.push({ name: workspace.name });
    } catch (error) {
      results.push({ name: workspace.name, error: describeError(error).message });
    }
  }
  return results;
}
