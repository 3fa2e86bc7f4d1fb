import { Args, Flags } from "@oclif/core";
import { displayPath, maskSecret } from "@perry/config";
import type { AgentUrlSource } from "../../agent-target.js";
import { normaliseAgentUrl } from "../../agent-target.js";
import { BaseCommand } from "../../base-command.js";
import { cliSettingsPath, loadCliSettings, saveCliSettings } from "../../settings.js";

/** What `perry config agent` reports; the token only ever masked. */
interface AgentSetting {
  url: string;
  source: AgentUrlSource;
  token?: string;
  file: string;
}

/** `perry config agent [<host>]`: which agent this CLI talks to (stored in the CLI's own cli.json). */
export default class ConfigAgent extends BaseCommand<typeof ConfigAgent> {
  static override summary = "Show or set the agent this CLI talks to";
  static override description =
    "A bare host means http://<host>:7391. The setting lives in cli.json next to the agent's config.json, in PERRY_CONFIG_DIR, $XDG_CONFIG_HOME/perry or ~/.config/perry.";
  static override examples = [
    "<%= config.bin %> config agent",
    "<%= config.bin %> config agent your-machine.tail-scale.ts.net",
    "<%= config.bin %> config agent my-box:8080 --token <token>",
  ];
  static override args = { host: Args.string({ description: "Host, host:port or URL of the agent" }) };
  static override flags = { token: Flags.string({ description: "Bearer token the agent requires (stored, never printed)", helpValue: "<token>" }) };

  async run(): Promise<AgentSetting> {
    const dir = this.environment.configDir;
    const file = cliSettingsPath(dir);
    if (this.args.host === undefined && this.flags.token === undefined) return this.show(file);
    const settings = await loadCliSettings(dir);
    const agentUrl = this.args.host !== undefined ? normaliseAgentUrl(this.args.host) : (await this.agentTarget()).url;
    // A token belongs to one agent: pointing at another agent without --token forgets the old one.
    const token = this.flags.token ?? (settings.agentUrl === agentUrl ? settings.token : undefined);
    await saveCliSettings(dir, { agentUrl, ...(token ? { token } : {}) });
    this.log(`Agent set to ${agentUrl}${token ? ` (token ${maskSecret(token)})` : ""}`);
    this.log(`Saved in ${displayPath(file)}`);
    return { url: agentUrl, source: "settings", ...(token ? { token: maskSecret(token) } : {}), file };
  }

  private async show(file: string): Promise<AgentSetting> {
    const target = await this.agentTarget();
    const from: Record<AgentUrlSource, string> = {
      flag: "from --agent",
      env: "from PERRY_AGENT_URL",
      settings: `from ${displayPath(file)}`,
      default: "the default; set another with `perry config agent <host>`",
    };
    this.log(`${target.url} (${from[target.source]})`);
    if (target.token) this.log(`Token: ${maskSecret(target.token)} (from ${target.tokenSource === "env" ? "PERRY_AGENT_TOKEN" : displayPath(file)})`);
    return { url: target.url, source: target.source, ...(target.token ? { token: maskSecret(target.token) } : {}), file };
  }
}
