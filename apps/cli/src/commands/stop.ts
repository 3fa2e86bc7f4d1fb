import { Args } from "@oclif/core";
import type { Workspace } from "@perry/api-client";
import { BaseCommand } from "../base-command.js";

/** `perry stop <name>`. */
export default class Stop extends BaseCommand<typeof Stop> {
  static override summary = "Stop a running workspace (its files are kept)";
  static override examples = ["<%= config.bin %> stop myproject"];
  static override args = { name: Args.string({ description: "Workspace name", required: true }) };

  async run(): Promise<Workspace> {
    const client = await this.client();
    const workspace = await this.withSpinner(`Stopping ${this.args.name}`, () => client.stopWorkspace(this.args.name));
    this.log(`Stopped ${workspace.name}`);
    return workspace;
  }
}
