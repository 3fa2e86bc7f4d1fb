export { parseAuthKey, isParsedAuthKey, maskAuthKey } from "./authkey.js";
export type { AuthKeyKind, ParsedAuthKey, AuthKeyProblem } from "./authkey.js";
export { workspaceHostname, checkHostnamePrefix, firstLabel, hostnameDrift, MAX_HOSTNAME_LENGTH } from "./hostname.js";
export type { HostnameProblem } from "./hostname.js";
