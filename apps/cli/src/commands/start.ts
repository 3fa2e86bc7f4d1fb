import { Args, Flags } from "@oclif/core";
import type { StartWorkspaceResponse } from "@perry/api-client";
import { BaseCommand } from "../base-command.js";
import { renderStarted } from "../render/workspaces.js";
import { validWorkspaceName } from "../workspace-name.js";

/** `perry start <name>`: starts a workspace, creating it first when it does not exist. */
export default class Start extends BaseCommand<typeof Start> {
  static override summary = "Start a workspace, creating it if it does not exist";
  static override examples = ["<%= config.bin %> start myproject", "<%= config.bin %> start myproject --clone https://github.com/myuser/myapp"];
  static override args = { name: Args.string({ description: "Workspace name", required: true }) };
  static override flags = { clone: Flags.string({ description: "Git URL to clone into a new workspace", helpValue: "<url>" }) };

  async run(): Promise<StartWorkspaceResponse> {
    const name = validWorkspaceName(this.args.name);
    const client = await this.client();
    const result = await this.withSpinner(`Starting ${name}`, () =>
      client.startWorkspace(name, { create: true, ...(this.flags.clone ? { clone: this.flags.clone } : {}) }),
    );
    this.log(renderStarted(result));
    return result;
  }
}
