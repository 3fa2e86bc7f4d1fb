import { Args, Flags, ux } from "@oclif/core";
import type { ApiClient, StartWorkspaceResponse } from "@perry/api-client";
import { BaseCommand } from "../base-command.js";
import { CliError } from "../errors.js";
import { renderStarted } from "../render/workspaces.js";
import { validWorkspaceName } from "../workspace-name.js";

/** `perry start <name>`: starts a workspace, creating it first when it does not exist. */
export default class Start extends BaseCommand<typeof Start> {
  static override summary = "Start a workspace, creating it if it does not exist";
  static override examples = ["<%= config.bin %> start myproject", "<%= config.bin %> start myproject --clone https://github.com/myuser/myapp"];
  static override args = { name: Args.string({ description: "Workspace name", required: true }) };
  static override flags = {
    clone: Flags.string({ description: "Git URL to clone into ~/<repo> of a new workspace (private GitHub repositories use the configured GitHub token)", helpValue: "<url>" }),
  };

  async run(): Promise<StartWorkspaceResponse> {
    const name = validWorkspaceName(this.args.name);
    const client = await this.client();
    const result = await this.withSpinner(`Starting ${name}`, () =>
      this.withProgress(client, name, () => client.startWorkspace(name, { create: true, ...(this.flags.clone ? { clone: this.flags.clone } : {}) })),
    );
    this.log(renderStarted(result));
    const clone = result.clone;
    if (clone?.ok) this.log(`Cloned ${clone.url} into ${clone.path.replace(/^\/home\/workspace/, "~")}`);
    if (clone && !clone.ok) {
      if (this.jsonEnabled()) process.exitCode = 1;
      else throw new CliError("CLONE_FAILED", `cloning ${clone.url} failed:\n${clone.error ?? "unknown git error"}`, `${name} is running; clone inside it with \`perry shell ${name}\``);
    }
    return result;
  }

  // The agent's progress events for this workspace ("Receiving objects: 45% …") as the spinner's status.
  private async withProgress<R>(client: ApiClient, name: string, work: () => Promise<R>): Promise<R> {
    if (!this.flags.clone || this.jsonEnabled() || !process.stderr.isTTY) return work();
    const abort = new AbortController();
    const watch = (async () => {
      for await (const event of client.events(abort.signal)) {
        if (event.type === "progress" && event.name === name) ux.action.status = event.message;
      }
    })().catch(() => undefined);
    try {
      return await work();
    } finally {
      abort.abort();
      await watch;
    }
  }
}
