import { Flags } from "@oclif/core";
import { agentTokenPath, displayPath, ensureAgentToken, rotateAgentToken } from "@perry/config";
import { BaseCommand } from "../../base-command.js";

/** What `perry agent token --json` prints. */
interface AgentTokenResult {
  token: string;
  file: string;
  created: boolean;
  rotated: boolean;
}

/**
 * `perry agent token [--rotate]`: the agent's bearer token, for scripts and for devices that the
 * tailnet policy does not let in. It reads the token file on the agent's machine directly (the
 * agent re-reads it on every request), so it works whether or not the agent runs, and no API
 * route ever hands the token out.
 */
export default class AgentToken extends BaseCommand<typeof AgentToken> {
  static override summary = "Show or rotate the agent's access token";
  static override description =
    "Run it on the agent's machine. Another device uses the token with `perry config agent <host> --token <token>` (or PERRY_AGENT_TOKEN). The token is generated on first use and stored with mode 0600 next to config.json; --rotate replaces it and the old one stops working at once.";
  static override examples = ["<%= config.bin %> agent token", "<%= config.bin %> agent token --rotate"];
  // It reads the agent's own files, so --agent (which agent to talk to) means nothing here.
  static override baseFlags = {};
  static override flags = { rotate: Flags.boolean({ description: "Replace the token with a new one", default: false }) };

  async run(): Promise<AgentTokenResult> {
    const dir = this.environment.configDir;
    const file = agentTokenPath(dir);
    const { token, created } = this.flags.rotate ? { token: await rotateAgentToken(dir), created: false } : await ensureAgentToken(dir);
    if (!this.jsonEnabled()) {
      this.log(token);
      const what = this.flags.rotate ? "Rotated; the old token no longer works" : created ? "Generated" : "Stored";
      process.stderr.write(`${what} in ${displayPath(file)}. On another device: perry config agent <this-host> --token <token>\n`);
    }
    return { token, file, created, rotated: this.flags.rotate };
  }
}
