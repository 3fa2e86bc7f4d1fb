// Every command with missing, extra or garbled arguments: a usage error (exit 2) and a message,
// never a stack trace, and no request to any agent.
import { mkdtemp, rm } from "node:fs/promises";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { execa } from "execa";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const BIN = fileURLToPath(new URL("../bin/run.js", import.meta.url));
const STACK_LINE = /^\s+at .+:\d+:\d+\)?$/m;

const WITH_NAME = ["start", "stop", "remove", "logs", "shell"];
const ALL = [...WITH_NAME, "list", "info", "config agent", "agent run", "agent token"];

const cases: [string, RegExp][] = [
  ...WITH_NAME.map((cmd): [string, RegExp] => [cmd, /Missing 1 required arg/]),
  ...WITH_NAME.map((cmd): [string, RegExp] => [`${cmd} ok-name another extra`, /Unexpected arguments?: another/]),
  // oclif reads a word after an argument-less command as a subcommand that does not exist.
  ...["list extra", "agent run extra", "agent token extra"].map((args): [string, RegExp] => [args, /command .*extra not found/]),
  ["info a b", /Unexpected argument: b/],
  ...ALL.map((cmd): [string, RegExp] => [`${cmd} --no-such-flag`, /Nonexistent flag: --no-such-flag/]),
  ["logs ok-name --tail", /Flag --tail expects a value/],
  ["logs ok-name --tail -3x", /Expected an integer|Flag --tail expects a value/],
  ["agent run --port http", /Expected an integer/],
  ["agent run --port 0", /greater than or equal to 1/],
  ["agent token --rotate=maybe", /Unexpected argument|does not take a value|Nonexistent flag|Parsing --rotate/],
  ["start Bad_Name!", /invalid workspace name/],
  ["config agent --token", /Flag --token expects a value/],
];

let configDir: string;
let probe: net.Server;
let port: number;
let connections = 0;

beforeAll(async () => {
  configDir = await mkdtemp(path.join(os.tmpdir(), "perry-cli-usage-"));
  probe = net.createServer((socket) => {
    connections++;
    socket.destroy();
  });
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  port = (probe.address() as net.AddressInfo).port;
});
afterAll(async () => {
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  if (configDir) await rm(configDir, { recursive: true, force: true });
});

describe("perry usage errors", () => {
  it.each(cases)("answers `perry %s` with exit 2, a message and no stack trace", async (args, message) => {
    const result = await execa("node", [BIN, ...args.split(" ")], {
      reject: false,
      env: { PERRY_CONFIG_DIR: configDir, PERRY_AGENT_URL: `http://127.0.0.1:${port}`, PERRY_AGENT_TOKEN: "", PERRY_DEBUG: "" },
    });
    expect(result.exitCode, result.stderr).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stderr).not.toMatch(STACK_LINE);
    expect(connections).toBe(0);
  });
});
