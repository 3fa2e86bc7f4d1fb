import { Args } from "@oclif/core";
import { BaseCommand } from "../base-command.js";

/** `perry remove <name>`: deletes the container and its volumes, and logs it out of the tailnet. */
export default class Remove extends BaseCommand<typeof Remove> {
  static override summary = "Remove a workspace, its files and its tailnet device";
  static override hiddenAliases = ["delete", "rm"];
  static override examples = ["<%= config.bin %> remove myproject"];
  static override args = { name: Args.string({ description: "Workspace name", required: true }) };

  async run(): Promise<{ removed: string }> {
    const client = await this.client();
    await this.withSpinner(`Removing ${this.args.name}`, () => client.removeWorkspace(this.args.name));
    this.log(`Removed ${this.args.name}`);
    return { removed: this.args.name };
  }
}
