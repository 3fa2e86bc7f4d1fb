// The non-interactive form of `perry agent config`: flags and one secret on stdin become the same PATCH.
import { readFile } from "node:fs/promises";
import type { ConfigUpdate } from "@perry/api-client";
import { CliError } from "../errors.js";
import { checkAuthKey, checkHostnamePrefix } from "./answers.js";

/** Secrets the command reads from stdin (never from argv, where `ps` shows them). */
export const STDIN_SECRETS = {
  "tailscale-auth-key-stdin": "tailscale.authKey",
  "github-token-stdin": "github.token",
  "anthropic-api-key-stdin": "agents.anthropicApiKey",
  "openai-api-key-stdin": "agents.openaiApiKey",
} as const;

/** Secrets `--clear` can remove. */
export const CLEARABLE = {
  "tailscale-auth-key": "tailscale.authKey",
  "github-token": "github.token",
  "anthropic-api-key": "agents.anthropicApiKey",
  "openai-api-key": "agents.openaiApiKey",
} as const;

/** What the script asked for. */
export interface ScriptedInput {
  /** Which `--…-stdin` flag was given (at most one: stdin holds one secret). */
  stdinSecret?: keyof typeof STDIN_SECRETS;
  /** The text read from stdin for it. */
  stdinText?: string;
  hostnamePrefix?: string;
  /** Contents of the `--ssh-key` files. */
  sshKeyTexts?: readonly string[];
  clear?: readonly (keyof typeof CLEARABLE)[];
  /** The agent's tailscale.loginServer: with one, non-Tailscale key formats (Headscale) are accepted. */
  loginServer?: string;
}

/** The update the flags describe; throws BAD_INPUT for a malformed key, prefix or public key file. */
export function scriptedUpdate(input: ScriptedInput): ConfigUpdate {
  const update: Record<string, Record<string, unknown>> = {};
  const set = (path: string, value: unknown) => {
    const [section = "", key = ""] = path.split(".");
    update[section] = { ...update[section], [key]: value };
  };
  for (const name of input.clear ?? []) set(CLEARABLE[name], null);
  if (input.stdinSecret) {
    const value = (input.stdinText ?? "").trim();
    if (value === "") throw new CliError("BAD_INPUT", `--${input.stdinSecret} read nothing from stdin`, `Pipe the secret in, e.g. \`printf %s "$KEY" | perry agent config --${input.stdinSecret}\``);
    if (input.stdinSecret === "tailscale-auth-key-stdin") {
      const problem = checkAuthKey(value, { loginServer: input.loginServer });
      if (problem) throw new CliError("BAD_INPUT", `the Tailscale auth key from stdin is not valid: ${problem}`);
    }
    set(STDIN_SECRETS[input.stdinSecret], value);
  }
  if (input.hostnamePrefix !== undefined) {
    const problem = checkHostnamePrefix(input.hostnamePrefix);
    if (problem) throw new CliError("BAD_INPUT", `--hostname-prefix "${input.hostnamePrefix}": ${problem}`);
    set("tailscale.hostnamePrefix", input.hostnamePrefix);
  }
  if (input.sshKeyTexts !== undefined) {
    const keys = input.sshKeyTexts.flatMap((text) => text.split("\n").map((line) => line.trim()).filter((line) => line !== "" && !line.startsWith("#")));
    const bad = keys.find((key) => !/^(ssh-|ecdsa-|sk-)\S+ \S+/.test(key));
    if (bad !== undefined) throw new CliError("BAD_INPUT", `--ssh-key: "${bad.slice(0, 40)}" is not a public key line`, "Pass .pub files (ssh-ed25519 AAAA… comment)");
    set("ssh.authorizedKeys", keys);
  }
  return update as ConfigUpdate;
}

/** Reads the `--ssh-key` files; a missing one is BAD_INPUT naming it. */
export async function readKeyFiles(files: readonly string[]): Promise<string[]> {
  return Promise.all(
    files.map((file) =>
      readFile(file, "utf8").catch((error: unknown) => {
        throw new CliError("BAD_INPUT", `cannot read --ssh-key ${file}: ${(error as Error).message}`, undefined, { cause: error });
      }),
    ),
  );
}

/** All of stdin as text. */
export async function readStdin(stdin: NodeJS.ReadableStream = process.stdin): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stdin) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string));
  return Buffer.concat(chunks).toString("utf8");
}
