/** The base of every command: global flags, the API client, spinners, and the one error → message/exit-code mapping. */
import { Command, Errors, Flags, type Interfaces, ux } from "@oclif/core";
import { type ApiClient, createApiClient } from "@perry/api-client";
import { type AgentTarget, resolveAgentTarget } from "./agent-target.js";
import { type CliEnvironment, readEnvironment } from "./environment.js";
import { type Failure, failureJson, formatFailure, toFailure } from "./errors.js";
import { loadCliSettings } from "./settings.js";

// Flags every command has, unless it opts out (`agent run` is the agent, so it has no --agent).
const globalFlags = {
  agent: Flags.string({
    description: "Agent to talk to: host, host:port or URL (else PERRY_AGENT_URL, then `perry config agent`, then http://localhost:7391)",
    helpGroup: "GLOBAL",
    helpValue: "<url|host>",
  }),
};

/** The parsed flags of command `T`, global flags included. */
export type CommandFlags<T extends typeof Command> = Interfaces.InferredFlags<typeof globalFlags & T["flags"]>;
/** The parsed arguments of command `T`. */
export type CommandArgs<T extends typeof Command> = Interfaces.InferredArgs<T["args"]>;

/** Every `perry` command extends this; `run()` returns what `--json` prints. */
export abstract class BaseCommand<T extends typeof Command> extends Command {
  static override enableJsonFlag = true;

  static override baseFlags: Interfaces.FlagInput = globalFlags;

  protected flags!: CommandFlags<T>;
  protected args!: CommandArgs<T>;
  protected readonly environment: CliEnvironment = readEnvironment();

  public override async init(): Promise<void> {
    await super.init();
    const { args, flags } = await this.parse({
      flags: this.ctor.flags,
      baseFlags: this.ctor.baseFlags,
      enableJsonFlag: this.ctor.enableJsonFlag,
      args: this.ctor.args,
      strict: this.ctor.strict,
    });
    this.flags = flags as CommandFlags<T>;
    this.args = args as CommandArgs<T>;
  }

  /** The agent this invocation talks to (flag > env > settings file > default). */
  protected async agentTarget(): Promise<AgentTarget> {
    const settings = await loadCliSettings(this.environment.configDir);
    return resolveAgentTarget({ flag: this.flags.agent, envUrl: this.environment.agentUrl, envToken: this.environment.agentToken, settings });
  }

  /** A client for the selected agent. */
  protected async client(): Promise<ApiClient> {
    const target = await this.agentTarget();
    return createApiClient({ baseUrl: target.url, ...(target.token ? { token: target.token } : {}) });
  }

  /** Runs `work` behind a spinner on stderr, only when a person is watching (TTY, no --json). */
  protected async withSpinner<R>(label: string, work: () => Promise<R>): Promise<R> {
    const show = !this.jsonEnabled() && process.stdout.isTTY === true && process.stderr.isTTY === true;
    if (!show) return work();
    ux.action.start(label);
    try {
      const result = await work();
      ux.action.stop();
      return result;
    } catch (error) {
      ux.action.stop("failed");
      throw error;
    }
  }

  protected override async catch(error: Error & { exitCode?: number }): Promise<unknown> {
    // Usage errors and deliberate exits keep oclif's own handling (message + "See more help with --help", exit 2).
    if (error instanceof Errors.ExitError) throw error;
    if (error instanceof Errors.CLIError) {
      if (!this.jsonEnabled()) return super.catch(error);
      return this.fail({ code: "USAGE", message: error.message, exitCode: error.oclif.exit ?? 2 });
    }
    return this.fail(toFailure(error));
  }

  private fail(failure: Failure): never | undefined {
    if (this.jsonEnabled()) {
      // oclif's --json convention: the error object goes to stdout, the exit code says it failed.
      process.exitCode = failure.exitCode;
      this.logJson(failureJson(failure));
      return undefined;
    }
    process.stderr.write(formatFailure(failure, this.environment.debug));
    return this.exit(failure.exitCode);
  }
}
