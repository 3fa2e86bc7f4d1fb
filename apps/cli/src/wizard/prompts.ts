// The interactive steps of `perry agent config` (@clack/prompts). Nothing is saved here: the answers go
// back to the command, which sends one PATCH, so Ctrl+C at any step leaves config.json as it was.
import { styleText } from "node:util";
import { TextPrompt, isCancel } from "@clack/core";
import { cancel, intro, log, multiselect, note, password } from "@clack/prompts";
import type { ConfigView, HostSshKey } from "@perry/api-client";
import { type WizardAnswers, checkAuthKey, checkHostnamePrefix, chosenAuthorizedKeys, describeConfig, hostnamePreview, secretChange } from "./answers.js";

/** Where the prompts read and draw (stderr when stdout carries --json). */
export interface PromptIo {
  input: NodeJS.ReadStream;
  output: NodeJS.WriteStream;
}

/** Thrown by a step when the user pressed Ctrl+C or Escape. */
export class WizardCancelled extends Error {
  override readonly name = "WizardCancelled";
}

const KEEP_HINT = "Enter keeps it, - clears it";

/** Walks through AI agents, GitHub, SSH keys and Tailscale; returns what to change. */
export async function askWizard(current: ConfigView, hostKeys: readonly HostSshKey[], io: PromptIo): Promise<WizardAnswers> {
  const common = { input: io.input, output: io.output };
  intro("Perry setup", common);
  note(describeConfig(current).join("\n"), "Current settings", common);

  log.step("AI agents: API keys made available to coding agents inside workspaces", common);
  const anthropicApiKey = await secret("Anthropic API key", current.agents.anthropicApiKey, io);
  const openaiApiKey = await secret("OpenAI API key", current.agents.openaiApiKey, io);

  log.step("GitHub: a token for cloning private repositories (perry start --clone)", common);
  const githubToken = await secret("GitHub token", current.github.token, io);

  log.step("SSH keys: which of this host's public keys may log in to workspaces (ssh workspace@<name>)", common);
  const authorizedKeys = await sshKeys(current, hostKeys, io);

  log.step("Tailscale networking: workspaces join your tailnet with this auth key", common);
  const tailscaleAuthKey = await secret("Tailscale auth key (tskey-auth-…)", current.tailscale.authKey, io, (value) => {
    const change = secretChange(value ?? "");
    return typeof change === "string" ? checkAuthKey(change, { loginServer: current.tailscale.loginServer }) : undefined;
  });
  const hostnamePrefix = await prefixPrompt(current.tailscale.hostnamePrefix, io);

  return {
    ...(anthropicApiKey !== undefined ? { anthropicApiKey } : {}),
    ...(openaiApiKey !== undefined ? { openaiApiKey } : {}),
    ...(githubToken !== undefined ? { githubToken } : {}),
    ...(tailscaleAuthKey !== undefined ? { tailscaleAuthKey } : {}),
    hostnamePrefix,
    ...(authorizedKeys !== undefined ? { authorizedKeys } : {}),
  };
}

/** Says the wizard was left without saving. */
export function sayCancelled(io: PromptIo): void {
  cancel("Cancelled: nothing was saved", { output: io.output });
}

async function secret(label: string, currentMasked: string | undefined, io: PromptIo, validate?: (value: string | undefined) => string | undefined): Promise<string | null | undefined> {
  const message = currentMasked ? `${label} (now ${currentMasked}; ${KEEP_HINT})` : `${label} (Enter skips)`;
  const answer = await password({ message, input: io.input, output: io.output, ...(validate ? { validate } : {}) });
  return secretChange(unlessCancelled(answer));
}

async function sshKeys(current: ConfigView, hostKeys: readonly HostSshKey[], io: PromptIo): Promise<string[] | undefined> {
  if (hostKeys.length === 0) {
    log.info("No public keys in ~/.ssh on the agent's host; skipping", { output: io.output });
    return undefined;
  }
  const authorized = new Set(current.ssh.authorizedKeys);
  const chosen = unlessCancelled(
    await multiselect({
      message: "Authorize these keys (space toggles, Enter confirms)",
      options: hostKeys.map((key) => ({ value: key.key, label: key.file, hint: `${key.type} ${key.comment}`.trim() })),
      initialValues: hostKeys.filter((key) => authorized.has(key.key)).map((key) => key.key),
      required: false,
      input: io.input,
      output: io.output,
    }),
  );
  return chosenAuthorizedKeys(current.ssh.authorizedKeys, hostKeys, chosen);
}

// A text prompt of @clack/core with its own rendering, for the live preview of the hostname.
async function prefixPrompt(currentPrefix: string, io: PromptIo): Promise<string> {
  const title = "Hostname prefix (workspaces join as <prefix><name>; Enter keeps it)";
  const prompt = new TextPrompt({
    input: io.input,
    output: io.output,
    initialValue: currentPrefix,
    validate: (value) => checkHostnamePrefix(value ?? ""),
    render() {
      const value = this.userInput ?? "";
      const preview = `Preview: ${styleText("cyan", hostnamePreview(value))}`;
      switch (this.state) {
        case "submit":
          return `${styleText("green", "◇")}  ${title}\n${styleText("gray", "│")}  ${styleText("dim", value === "" ? "(none)" : value)} ${styleText("dim", `→ ${hostnamePreview(value)}`)}`;
        case "cancel":
          return `${styleText("red", "■")}  ${title}\n${styleText("gray", "│")}`;
        case "error":
          return `${styleText("yellow", "▲")}  ${title}\n${styleText("yellow", "│")}  ${this.userInputWithCursor}\n${styleText("yellow", "└")}  ${styleText("yellow", this.error)}\n`;
        default:
          return `${styleText("cyan", "◆")}  ${title}\n${styleText("cyan", "│")}  ${this.userInputWithCursor}\n${styleText("cyan", "│")}  ${preview}\n${styleText("cyan", "└")}\n`;
      }
    },
  });
  return unlessCancelled(await prompt.prompt()) ?? "";
}

function unlessCancelled<T>(value: T | symbol): Exclude<T, symbol> {
  if (isCancel(value) || typeof value === "symbol") throw new WizardCancelled("cancelled");
  return value as Exclude<T, symbol>;
}
