// @perry/docker: the workspace container contract and the Docker Engine calls behind it.
export {
  type BuildImageOptions,
  createWorkspaceDocker,
  defaultSocketPath,
  type WorkspaceDocker,
  type WorkspaceDockerOptions,
  type WorkspaceEvent,
  type WriteFileOptions,
} from "./client.js";
export {
  type CreateWorkspaceOptions,
  containerName,
  containerSpec,
  DEFAULT_IMAGE,
  type FileEntry,
  HOME_DIR,
  LABEL_MANAGED,
  LABEL_TAILSCALE,
  LABEL_WORKSPACE,
  SETTINGS_FILES,
  settingsFiles,
  TAILSCALE_STATE_DIR,
  TAILSCALE_STATUS_FILE,
  REPORT_DIR,
  volumeNames,
  type WorkspaceSettings,
  workspaceLabels,
} from "./contract.js";
export { LABEL_TASK, type TaskOptions } from "./task.js";
export { BUILD_IMAGE_HINT, DockerError, type DockerErrorCode, mapDockerError } from "./errors.js";
export type { ExecOptions, ExecResult } from "./exec.js";
export type { ContainerState, WorkspaceContainer, WorkspaceContainerDetails } from "./workspace-container.js";
