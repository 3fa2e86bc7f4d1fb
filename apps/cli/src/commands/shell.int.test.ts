// `perry shell` in a real pseudo-terminal against a real agent and workspace container.
import { execa } from "execa";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BIN, type TestAgent, startTestAgent } from "../shell/test-support/agent.js";
import { perryInPty } from "../shell/test-support/pty.js";

const name = `shell-${process.pid}-${Date.now().toString(36)}`;
let agent: TestAgent;

const perry = (args: string[]) => execa("node", [BIN, ...args], { reject: false, env: agent.env, stdin: "ignore" });

beforeAll(async () => {
  agent = await startTestAgent();
  const started = await perry(["start", name]);
  if (started.exitCode !== 0) throw new Error(`perry start failed: ${started.stderr}`);
});

afterAll(async () => {
  await agent?.stop([name]);
});

describe("perry shell", () => {
  it("gives a bash as workspace with the terminal's size, follows resizes, delivers Ctrl+C and exits with the shell's code", async () => {
    const shell = perryInPty(["shell", name], agent.env, { cols: 100, rows: 30 });
    try {
      await shell.waitFor(/workspace@[^\n]*\$ $/m);
      shell.write('echo "U=$USER"; tput cols\r');
      await shell.waitFor(/U=workspace\n100\n/);

      shell.resize(72, 20);
      // The resize travels SIGWINCH → CLI → agent → docker exec resize; typing must not overtake it.
      await new Promise((resolve) => setTimeout(resolve, 500));
      let mark = shell.screen().length;
      shell.write("tput cols\r");
      await shell.waitFor(/\n72\n/, 10_000, mark);

      shell.write("sleep 100\r");
      await new Promise((resolve) => setTimeout(resolve, 700));
      mark = shell.screen().length;
      shell.write("\x03");
      shell.write("echo alive-$((40+2))\r");
      await shell.waitFor(/alive-42/, 10_000, mark);

      shell.write("exit 3\r");
      expect(await shell.exited).toBe(3);
    } finally {
      shell.kill();
    }
  });

  it("exits 0 when the shell does", async () => {
    const shell = perryInPty(["shell", name], agent.env);
    try {
      await shell.waitFor(/\$ $/m);
      shell.write("exit\r");
      expect(await shell.exited).toBe(0);
    } finally {
      shell.kill();
    }
  });

  it("refuses a stopped workspace and names the command that starts it", async () => {
    expect((await perry(["stop", name])).exitCode).toBe(0);
    const result = await perry(["shell", name]);
    expect(result.exitCode).toBe(5);
    expect(result.stderr).toBe(`Error: workspace "${name}" is not running (stopped)\nHint: Start it with \`perry start ${name}\`, then try again.`);
  });

  it("reports an unknown workspace with exit code 4", async () => {
    const result = await perry(["shell", `${name}-nope`]);
    expect(result.exitCode).toBe(4);
    expect(result.stderr).toContain(`no workspace named "${name}-nope"`);
  });
});
