import { createSignal } from "solid-js";
import { createStore, reconcile } from "solid-js/store";
import { describeError, type Api, type ConfigUpdate, type ConfigView, type Problem } from "./api.js";
import { checkAuthKey, checkHostnamePrefix } from "./validate.js";

// One form model for the settings page and the setup wizard, so both write the
// same config. Secrets are write-only: the inputs start empty, an empty input
// means "keep", the Clear button means "remove", and inputs are emptied after save.

/** The secret settings, by their dot path in the config. */
export type SecretPath = "agents.anthropicApiKey" | "agents.openaiApiKey" | "github.token" | "tailscale.authKey";
/** The groups of settings; each is a section on the settings page and a step in the wizard. */
export type ConfigSection = "agents" | "github" | "ssh" | "networking";

/** What the user has typed but not saved. */
export interface ConfigDraft {
  secrets: Record<SecretPath, string>;
  cleared: Record<SecretPath, boolean>;
  tailscaleEnabled: boolean;
  hostnamePrefix: string;
  authorizedKeys: string[];
}

/** All sections, in page order. */
export const ALL_SECTIONS: ConfigSection[] = ["agents", "github", "ssh", "networking"];

/** A fresh draft: secrets empty, everything else as configured. */
export function draftFrom(view: ConfigView): ConfigDraft {
  const none = { "agents.anthropicApiKey": "", "agents.openaiApiKey": "", "github.token": "", "tailscale.authKey": "" };
  return {
    secrets: { ...none },
    cleared: { "agents.anthropicApiKey": false, "agents.openaiApiKey": false, "github.token": false, "tailscale.authKey": false },
    tailscaleEnabled: view.tailscale.enabledSetting ?? view.tailscale.authKey !== undefined,
    hostnamePrefix: view.tailscale.hostnamePrefix,
    authorizedKeys: [...view.ssh.authorizedKeys],
  };
}

/** The masked value a secret has now, and where it comes from. */
export function currentSecret(view: ConfigView, path: SecretPath): { masked?: string; source: "file" | "env" | "none" } {
  const masked =
    path === "tailscale.authKey"
      ? view.tailscale.authKey
      : path === "github.token"
        ? view.github.token
        : path === "agents.anthropicApiKey"
          ? view.agents.anthropicApiKey
          : view.agents.openaiApiKey;
  if (path === "tailscale.authKey") return { ...(masked ? { masked } : {}), source: view.tailscale.authKeySource };
  return masked ? { masked, source: "file" } : { source: "none" };
}

/** Problems the browser can see before asking the agent, keyed by dot path. */
export function validateDraft(view: ConfigView, draft: ConfigDraft, sections: ConfigSection[]): Record<string, string> {
  const errors: Record<string, string> = {};
  if (!sections.includes("networking")) return errors;
  const key = draft.secrets["tailscale.authKey"];
  const keyProblem = checkAuthKey(key);
  if (keyProblem) errors["tailscale.authKey"] = keyProblem;
  const hasKey = key.trim() !== "" || (view.tailscale.authKey !== undefined && !draft.cleared["tailscale.authKey"]);
  if (draft.tailscaleEnabled && !hasKey && !keyProblem) errors["tailscale.authKey"] = "Paste an auth key to enable Tailscale, or turn Tailscale off.";
  const prefixProblem = checkHostnamePrefix(draft.hostnamePrefix);
  if (prefixProblem) errors["tailscale.hostnamePrefix"] = prefixProblem;
  return errors;
}

function secretChange(draft: ConfigDraft, path: SecretPath): string | null | undefined {
  const typed = draft.secrets[path].trim();
  if (typed !== "") return typed;
  return draft.cleared[path] ? null : undefined;
}

/** The PATCH body for the chosen sections: only what changed; `null` clears a secret. */
export function buildUpdate(view: ConfigView, draft: ConfigDraft, sections: ConfigSection[]): ConfigUpdate {
  const update: ConfigUpdate = {};
  const changed = (path: SecretPath) => sections.includes(sectionOf(path)) && secretChange(draft, path) !== undefined;
  if (changed("agents.anthropicApiKey") || changed("agents.openaiApiKey")) {
    update.agents = {};
    if (changed("agents.anthropicApiKey")) update.agents.anthropicApiKey = secretChange(draft, "agents.anthropicApiKey");
    if (changed("agents.openaiApiKey")) update.agents.openaiApiKey = secretChange(draft, "agents.openaiApiKey");
  }
  if (changed("github.token")) update.github = { token: secretChange(draft, "github.token") };
  if (sections.includes("ssh")) update.ssh = { authorizedKeys: [...draft.authorizedKeys] };
  if (sections.includes("networking")) {
    const tailscale: NonNullable<ConfigUpdate["tailscale"]> = {};
    if (changed("tailscale.authKey")) tailscale.authKey = secretChange(draft, "tailscale.authKey");
    // A new key with `enabled` absent would switch Tailscale on, so the toggle is sent along with any key change.
    if (tailscale.authKey !== undefined || draft.tailscaleEnabled !== draftFrom(view).tailscaleEnabled) tailscale.enabled = draft.tailscaleEnabled;
    if (draft.hostnamePrefix !== view.tailscale.hostnamePrefix) tailscale.hostnamePrefix = draft.hostnamePrefix;
    if (Object.keys(tailscale).length > 0) update.tailscale = tailscale;
  }
  return update;
}

function sectionOf(path: SecretPath): ConfigSection {
  return path.startsWith("agents.") ? "agents" : path.startsWith("github.") ? "github" : "networking";
}

/** Form state over a loaded config: the draft, inline errors, and a save that keeps secrets out of the page afterwards. */
export function createConfigForm(api: Api, initial: ConfigView) {
  const [view, setView] = createSignal(initial);
  const [draft, setDraft] = createStore<ConfigDraft>(draftFrom(initial));
  const [errors, setErrors] = createStore<Record<string, string | undefined>>({});
  const [problem, setProblem] = createSignal<Problem>();
  const [saving, setSaving] = createSignal(false);

  /** Saves the chosen sections (plus `extra`); resolves to the new config, or undefined when something was refused. */
  async function save(sections: ConfigSection[], extra: ConfigUpdate = {}): Promise<ConfigView | undefined> {
    const found = validateDraft(view(), draft, sections);
    setErrors(reconcile(found));
    setProblem(undefined);
    if (Object.keys(found).length > 0) return undefined;
    setSaving(true);
    try {
      const saved = await api.updateConfig({ ...buildUpdate(view(), draft, sections), ...extra });
      setView(saved);
      setDraft(reconcile(draftFrom(saved)));
      return saved;
    } catch (error) {
      const described = describeError(error);
      setErrors(reconcile(described.fields));
      setProblem(described);
      return undefined;
    } finally {
      setSaving(false);
    }
  }

  const clearErrors = () => {
    setErrors(reconcile({}));
    setProblem(undefined);
  };

  return { view, draft, setDraft, errors, setErrors, clearErrors, problem, saving, save };
}

/** The form handle the section components share. */
export type ConfigForm = ReturnType<typeof createConfigForm>;
