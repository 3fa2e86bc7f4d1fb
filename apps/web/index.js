import { fileURLToPath } from "node:url";

/** Absolute path of the built web UI (`apps/web/dist`), for the agent to serve. */
export const webDistDir = fileURLToPath(new URL("./dist", import.meta.url));
