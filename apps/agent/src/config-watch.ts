import { mkdirSync, watch } from "node:fs";
import { basename, dirname } from "node:path";
import type { ConfigStore } from "@perry/config";

// Users edit config.json by hand (user docs, Option D) while the agent runs: reload it when it changes, so the
// next `perry start` uses the new key or prefix. A file that no longer parses is reported and the previous
// settings stay in force; the agent never rewrites it.
const SETTLE_MS = 150;

/** Reloads `store` whenever its file changes, until `signal` aborts. */
export function watchConfigFile(store: ConfigStore, log: (line: string) => void, signal: AbortSignal): void {
  const file = store.file;
  let timer: NodeJS.Timeout | undefined;
  const reload = () => {
    timer = undefined;
    store.load().then(
      () => undefined,
      (error: unknown) => log(`[agent] ${error instanceof Error ? error.message : String(error)}; keeping the previous settings until it is fixed`),
    );
  };
  try {
    mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
    // Watch the directory: editors and our own atomic saves replace the file rather than write into it.
    const watcher = watch(dirname(file), { signal });
    watcher.on("error", () => undefined);
    watcher.on("change", (_type, changed) => {
      if (changed !== null && String(changed) !== basename(file)) return;
      clearTimeout(timer);
      timer = setTimeout(reload, SETTLE_MS);
    });
  } catch (error) {
    log(`[agent] Cannot watch ${file} for changes (${error instanceof Error ? error.message : String(error)}); restart the agent after editing it`);
  }
}
