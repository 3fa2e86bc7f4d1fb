/** Absolute path of the built web UI (`apps/web/dist`), for the agent to serve. */
export declare const webDistDir: string;
