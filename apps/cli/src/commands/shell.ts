import { Args } from "@oclif/core";
import { BaseCommand } from "../base-command.js";
import { runShell } from "../shell/connect.js";
import { validWorkspaceName } from "../workspace-name.js";

/** `perry shell <name>`: an interactive shell as `workspace` in the workspace, through the agent. */
export default class Shell extends BaseCommand<typeof Shell> {
  static override summary = "Open a shell in a running workspace";
  static override description = "Runs `bash -l` as user workspace in /home/workspace with a real terminal (colours, line editing, resize, Ctrl+C). Exits with the shell's exit code. Works against remote agents too.";
  static override enableJsonFlag = false;
  static override examples = ["<%= config.bin %> shell myproject", "<%= config.bin %> shell myproject --agent my-box.tail-scale.ts.net"];
  static override args = { name: Args.string({ description: "Workspace name", required: true }) };

  async run(): Promise<void> {
    const name = validWorkspaceName(this.args.name);
    const client = await this.client();
    const size = process.stdout.isTTY ? { cols: process.stdout.columns, rows: process.stdout.rows } : {};
    const code = await runShell({ url: client.terminalUrl(name, { ...size, term: this.environment.term }), agentUrl: client.baseUrl, headers: client.authHeaders() });
    if (code !== 0) this.exit(code);
  }
}
