import { Flags } from "@oclif/core";
import { confirm, isCancel, outro } from "@clack/prompts";
import type { ConfigUpdate, ConfigView } from "@perry/api-client";
import { BaseCommand } from "../../base-command.js";
import { CliError, EXIT_CODES } from "../../errors.js";
import { describeConfig, describeUpdate, toConfigUpdate } from "../../wizard/answers.js";
import { CLEARABLE, STDIN_SECRETS, readKeyFiles, readStdin, scriptedUpdate } from "../../wizard/flags.js";
import { type PromptIo, WizardCancelled, askWizard, sayCancelled } from "../../wizard/prompts.js";

const RESTART_NOTE = "Existing workspaces pick up the changes when restarted: perry stop <name> && perry start <name>";

const stdinFlags = Object.fromEntries(
  Object.entries(STDIN_SECRETS).map(([flag, path]) => [flag, Flags.boolean({ description: `Read ${path} from stdin (never pass secrets as arguments)`, exclusive: Object.keys(STDIN_SECRETS).filter((f) => f !== flag) })]),
) as Record<keyof typeof STDIN_SECRETS, ReturnType<typeof Flags.boolean>>;

/** `perry agent config`: the setup wizard (user docs Option B), or its scripted form with flags. */
export default class AgentConfig extends BaseCommand<typeof AgentConfig> {
  static override summary = "Set up the agent: AI agents, GitHub, SSH keys and Tailscale networking";
  static override description =
    "Without flags, an interactive wizard that shows the current settings (secrets masked); every step can be skipped with Enter, and nothing is saved until the end (Ctrl+C leaves config.json untouched). It writes the same config.json as the web settings page. For scripts, pass flags: secrets only through stdin.";
  static override examples = [
    "<%= config.bin %> agent config",
    'printf %s "$TS_AUTHKEY" | <%= config.bin %> agent config --tailscale-auth-key-stdin --hostname-prefix perry-',
    "<%= config.bin %> agent config --no-interactive --ssh-key ~/.ssh/id_ed25519.pub",
  ];
  static override flags = {
    interactive: Flags.boolean({ description: "Ask with prompts (default when run in a terminal without setting flags)", default: true, allowNo: true }),
    yes: Flags.boolean({ char: "y", description: "Do not ask anything: apply the flags (same as --no-interactive)" }),
    ...stdinFlags,
    "hostname-prefix": Flags.string({ description: "Tailnet hostname prefix: perry- gives perry-<name>; empty for none", helpValue: "<prefix>" }),
    "ssh-key": Flags.string({ description: "Public key file authorized in workspaces (repeat for more; replaces the list)", multiple: true, helpValue: "<file.pub>" }),
    clear: Flags.string({ description: "Remove a stored secret", multiple: true, options: Object.keys(CLEARABLE) }),
  };

  async run(): Promise<ConfigView> {
    const flags = this.flags;
    const stdinSecret = (Object.keys(STDIN_SECRETS) as (keyof typeof STDIN_SECRETS)[]).find((flag) => flags[flag]);
    const scripted = stdinSecret !== undefined || flags["hostname-prefix"] !== undefined || flags["ssh-key"] !== undefined || flags.clear !== undefined;
    const client = await this.client();
    if (scripted || !flags.interactive || flags.yes) {
      const loginServer = stdinSecret === "tailscale-auth-key-stdin" ? (await client.getConfig()).tailscale.loginServer : undefined;
      const update = scriptedUpdate({
        ...(loginServer ? { loginServer } : {}),
        ...(stdinSecret ? { stdinSecret, stdinText: await readStdin() } : {}),
        ...(flags["hostname-prefix"] !== undefined ? { hostnamePrefix: flags["hostname-prefix"] } : {}),
        ...(flags["ssh-key"] ? { sshKeyTexts: await readKeyFiles(flags["ssh-key"]) } : {}),
        ...(flags.clear ? { clear: flags.clear as (keyof typeof CLEARABLE)[] } : {}),
      });
      return this.save(update, () => client.getConfig(), (u) => client.updateConfig(u));
    }

    // Prompts draw on stderr when stdout carries the --json result.
    const io: PromptIo = { input: process.stdin, output: this.jsonEnabled() ? process.stderr : process.stdout };
    if (!process.stdin.isTTY || !io.output.isTTY) {
      throw new CliError(
        "NO_TTY",
        "perry agent config needs a terminal; for scripts use --no-interactive with flags (--tailscale-auth-key-stdin, --github-token-stdin, --hostname-prefix, --ssh-key <file>)",
        'e.g. printf %s "$TS_AUTHKEY" | perry agent config --tailscale-auth-key-stdin --hostname-prefix perry-',
      );
    }
    const [current, hostKeys] = await Promise.all([client.getConfig(), client.hostSshKeys()]);
    let update: ConfigUpdate;
    try {
      update = toConfigUpdate(await askWizard(current, hostKeys, io), current);
      if (Object.keys(update).length > 0) {
        const ok = await confirm({ message: `Save these changes?\n${describeUpdate(update).map((l) => `  ${l}`).join("\n")}`, input: io.input, output: io.output });
        if (isCancel(ok) || !ok) throw new WizardCancelled("not confirmed");
      }
    } catch (error) {
      if (!(error instanceof WizardCancelled)) throw error;
      sayCancelled(io);
      return this.exit(EXIT_CODES.cancelled);
    }
    const saved = await this.save(update, async () => current, (u) => client.updateConfig(u));
    outro("Done", { output: io.output });
    return saved;
  }

  private async save(update: ConfigUpdate, read: () => Promise<ConfigView>, write: (u: ConfigUpdate) => Promise<ConfigView>): Promise<ConfigView> {
    if (Object.keys(update).length === 0) {
      const view = await read();
      this.log("Nothing changed. Current settings:");
      for (const line of describeConfig(view)) this.log(`  ${line}`);
      return view;
    }
    const view = await write(update);
    this.log("Saved:");
    for (const line of describeUpdate(update)) this.log(`  ${line}`);
    this.log(RESTART_NOTE);
    return view;
  }
}
