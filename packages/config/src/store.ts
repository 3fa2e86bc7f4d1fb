/** The agent's handle on its configuration: load once, read often, update safely. */
import os from "node:os";
import { ConfigError, refusingWrite } from "./errors.js";
import { type EffectiveConfig, applyEnvOverrides } from "./env.js";
import { type ConfigLocation, type LoadedConfig, loadConfig, locate } from "./load.js";
import { type MergePatch, applyMergePatch } from "./merge-patch.js";
import { resolveConfigDir } from "./paths.js";
import { saveConfig } from "./save.js";
import type { ConfigDocument } from "./schema.js";

/** A change to the file: an RFC 7396 merge patch (null deletes), or a function that edits or returns the document. */
export type ConfigChange =
  | MergePatch<ConfigDocument>
  // biome-ignore lint/suspicious/noConfusingVoidType: a mutator that edits in place has no return statement, which TS types as void.
  | ((document: ConfigDocument) => ConfigDocument | void);

/** Options for `createConfigStore`. */
export interface ConfigStoreOptions extends ConfigLocation {
  /** Environment whose overrides apply on top of the file (see `ENV_OVERRIDES`). */
  readonly env?: NodeJS.ProcessEnv;
}

/** Loaded configuration plus safe, serialized updates. */
export interface ConfigStore {
  /** Absolute path of config.json. */
  readonly file: string;
  /** (Re)reads the file and applies environment overrides. */
  load(): Promise<EffectiveConfig>;
  /** The last loaded or saved effective config; throws if `load()` never ran. */
  get(): EffectiveConfig;
  /** Applies a change to the FILE (not the effective config), validates and saves it. */
  update(change: ConfigChange): Promise<EffectiveConfig>;
}

/**
 * Creates a store over config.json. Updates run one at a time and start from the
 * file on disk, so environment overrides are never written back and edits made
 * by hand in between are kept.
 *
 * @example
 * const store = createConfigStore({ env: process.env });
 * await store.load();
 * await store.update({ tailscale: { hostnamePrefix: "perry-" } });
 */
export function createConfigStore(options: ConfigStoreOptions = {}): ConfigStore {
  const env = options.env ?? process.env;
  const home = options.home ?? os.homedir();
  const location: ConfigLocation = { dir: options.dir ?? resolveConfigDir(env, home), home };
  const where = locate(location);
  let current: EffectiveConfig | undefined;
  let queue: Promise<unknown> = Promise.resolve();

  const serialize = <T>(task: () => Promise<T>): Promise<T> => {
    const run = queue.then(task);
    queue = run.catch(() => undefined);
    return run;
  };

  return {
    file: where.file,
    load: () =>
      serialize(async () => {
        current = applyEnvOverrides((await loadConfig(location)).config, env);
        return current;
      }),
    get() {
      if (!current) throw new Error("config store: call load() before get()");
      return current;
    },
    update: (change) =>
      serialize(async () => {
        const loaded = await loadForUpdate(location);
        const saved = await saveConfig(applyChange(loaded.document, change), location);
        current = applyEnvOverrides(saved.config, env);
        return current;
      }),
  };
}

async function loadForUpdate(options: ConfigLocation): Promise<LoadedConfig> {
  try {
    return await loadConfig(options);
  } catch (error) {
    if (error instanceof ConfigError && (error.code === "CONFIG_INVALID_JSON" || error.code === "CONFIG_INVALID")) {
      throw refusingWrite(error);
    }
    throw error;
  }
}

function applyChange(document: ConfigDocument, change: ConfigChange): ConfigDocument {
  const copy = structuredClone(document);
  if (typeof change === "function") return change(copy) ?? copy;
  return applyMergePatch(copy, change) as ConfigDocument;
}
