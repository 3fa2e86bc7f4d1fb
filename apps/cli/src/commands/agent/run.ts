import { Flags } from "@oclif/core";
import { BaseCommand } from "../../base-command.js";

/** `perry agent run`: the agent (API + web UI) in this process, until SIGINT/SIGTERM. */
export default class AgentRun extends BaseCommand<typeof AgentRun> {
  static override summary = "Run the Perry agent in the foreground";
  static override description = "Serves the API and web UI (default http://localhost:7391) and sets up Tailscale Serve when it can. Stop it with Ctrl+C.";
  static override enableJsonFlag = false;
  // It is the agent, so --agent (which agent to talk to) means nothing here.
  static override baseFlags = {};
  static override examples = ["<%= config.bin %> agent run", "<%= config.bin %> agent run --port 8080", "<%= config.bin %> agent run --listen-all"];
  static override flags = {
    // No oclif defaults: the agent owns them (7391, 127.0.0.1) and its PERRY_AGENT_PORT/HOST overrides.
    port: Flags.integer({ char: "p", description: "Port to listen on [default: 7391]", min: 1, max: 65535 }),
    host: Flags.string({ description: "Address to listen on [default: 127.0.0.1]; 0.0.0.0 needs --listen-all", helpValue: "<addr>" }),
    "listen-all": Flags.boolean({
      description: "Listen on all interfaces (0.0.0.0), not just localhost and the tailnet address; devices outside the tailnet then need the agent token",
      default: false,
    }),
  };

  async run(): Promise<void> {
    // Loaded here so that every other command starts without the agent's dependencies.
    const { startAgent } = await import("@perry/agent");
    const { port, host, "listen-all": listenAll } = this.flags;
    const agent = await startAgent({ ...(port !== undefined ? { port } : {}), ...(host !== undefined ? { host } : {}), ...(listenAll ? { listenAll } : {}) });
    const signal = await new Promise<NodeJS.Signals>((resolve) => {
      process.once("SIGINT", () => resolve("SIGINT"));
      process.once("SIGTERM", () => resolve("SIGTERM"));
    });
    this.log(`[agent] ${signal}: shutting down`);
    await agent.close();
    this.exit(0);
  }
}
