import { Args } from "@oclif/core";
import type { AgentInfo, Workspace } from "@perry/api-client";
import { BaseCommand } from "../base-command.js";
import { renderAgentInfo } from "../render/agent-info.js";
import { renderWorkspace } from "../render/workspaces.js";

/** `perry info [<name>]`: the agent (Docker, Tailscale, workspace networking) or one workspace. */
export default class Info extends BaseCommand<typeof Info> {
  static override summary = "Show the agent's status, or one workspace's details";
  static override examples = ["<%= config.bin %> info", "<%= config.bin %> info myproject"];
  static override args = { name: Args.string({ description: "Workspace name (omit for the agent itself)" }) };

  async run(): Promise<AgentInfo | Workspace> {
    const client = await this.client();
    if (this.args.name !== undefined) {
      const workspace = await client.getWorkspace(this.args.name);
      this.log(renderWorkspace(workspace, new Date()));
      return workspace;
    }
    const info = await client.info();
    this.log(renderAgentInfo(info, client.baseUrl));
    return info;
  }
}
