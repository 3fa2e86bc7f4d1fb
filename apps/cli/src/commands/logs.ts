import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { Args, Flags } from "@oclif/core";
import { BaseCommand } from "../base-command.js";

/** `perry logs <name>`: the workspace container's output, optionally followed until Ctrl+C. */
export default class Logs extends BaseCommand<typeof Logs> {
  static override summary = "Print a workspace's logs";
  static override enableJsonFlag = false;
  static override examples = ["<%= config.bin %> logs myproject --tail 100", "<%= config.bin %> logs myproject --follow"];
  static override args = { name: Args.string({ description: "Workspace name", required: true }) };
  static override flags = {
    follow: Flags.boolean({ char: "f", description: "Keep printing new lines until Ctrl+C" }),
    tail: Flags.integer({ char: "n", description: "Only the last N lines", min: 0, helpValue: "<N>" }),
  };

  async run(): Promise<void> {
    const client = await this.client();
    const controller = new AbortController();
    const stop = () => controller.abort();
    process.once("SIGINT", stop);
    process.once("SIGTERM", stop);
    try {
      const stream = await client.logs(this.args.name, {
        follow: this.flags.follow,
        signal: controller.signal,
        ...(this.flags.tail !== undefined ? { tail: this.flags.tail } : {}),
      });
      await pipeline(Readable.fromWeb(stream as import("node:stream/web").ReadableStream<Uint8Array>), process.stdout, { end: false });
    } catch (error) {
      // Ctrl+C while following is how the user ends it, not a failure.
      if (!controller.signal.aborted) throw error;
    } finally {
      process.off("SIGINT", stop);
      process.off("SIGTERM", stop);
    }
  }
}
