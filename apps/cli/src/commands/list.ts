import type { Workspace } from "@perry/api-client";
import { BaseCommand } from "../base-command.js";
import { renderWorkspaceList } from "../render/workspaces.js";

/** `perry list`: every workspace with its status and tailnet hostname. */
export default class List extends BaseCommand<typeof List> {
  static override summary = "List workspaces with their status and Tailscale hostname";
  static override hiddenAliases = ["ls"];
  static override examples = ["<%= config.bin %> list", "<%= config.bin %> list --json"];

  async run(): Promise<{ workspaces: Workspace[] }> {
    const workspaces = await (await this.client()).listWorkspaces();
    this.log(renderWorkspaceList(workspaces, new Date()));
    return { workspaces };
  }
}
