// @perry/tailnet-lab: a real local tailnet for Perry's tests. See README.md.
export type { LabAuthKey, LabConfig, LabNode, LabUser } from "./src/admin.js";
export { ensureControlImage } from "./src/control-image.js";
export { type Device, type DeviceOptions, startDevice } from "./src/device.js";
export { LabError, type LabErrorCode } from "./src/errors.js";
export { type HostNode, type HostNodeOptions, startHostNode } from "./src/host-node.js";
export { type Lab, type LabOptions, labLabel, listLabIds, removeLab, startLab } from "./src/lab.js";
export type { RunResult } from "./src/run.js";
export { type LabSettings, labSettings } from "./src/settings.js";
export type { TailscaleStatus } from "./src/tailscale.js";
