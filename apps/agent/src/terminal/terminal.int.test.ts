// The terminal WebSocket end to end: a real listener with attachTerminal, real workspace containers.
import type { Server } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { boundPort, close, listen } from "../listen.js";
import { testAgent, uniqueName } from "../test-support/agent.js";
import { type TerminalAttachment, attachTerminal } from "./upgrade.js";

let agent: Awaited<ReturnType<typeof testAgent>>;
let server: Server;
let terminals: TerminalAttachment;
let base: string;
const name = uniqueName("term");

/** Opens the terminal; resolves with the exit code and output, or the refusal's status and body. */
function open(path: string, input: string[]): Promise<{ exit?: number; output: string; status?: number; body?: string }> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(`${base.replace("http", "ws")}${path}`);
    let output = "";
    let exit: number | undefined;
    socket.on("unexpected-response", (_req, res) => {
      let body = "";
      res.on("data", (chunk: Buffer) => {
        body += chunk.toString();
      });
      res.on("end", () => resolve({ output, status: res.statusCode ?? 0, body }));
    });
    socket.on("open", () => {
      socket.send(JSON.stringify({ type: "resize", cols: 123, rows: 40 }));
      for (const line of input) socket.send(Buffer.from(line), { binary: true });
    });
    socket.on("message", (data: Buffer, isBinary: boolean) => {
      if (isBinary) output += data.toString();
      else exit = (JSON.parse(data.toString()) as { code?: number }).code;
    });
    socket.on("close", () => resolve({ exit, output }));
    socket.on("error", (error) => {
      if (!String(error.message).includes("Unexpected server response")) reject(error);
    });
  });
}

beforeAll(async () => {
  agent = await testAgent();
  server = await listen(agent.app.fetch, "127.0.0.1", 0);
  terminals = attachTerminal(server, agent.app);
  base = `http://127.0.0.1:${boundPort(server)}`;
  await agent.service.create(agent.track(name));
});

afterAll(async () => {
  terminals?.close();
  if (server) await close(server);
  await agent?.cleanup();
});

describe("attachTerminal", () => {
  it("runs bash -l as workspace in its home with the client's size, and sends the exit code", async () => {
    const result = await open(`/api/workspaces/${name}/terminal?term=xterm`, ["echo USER=$USER; pwd; sleep 0.3; tput cols\r", "exit 7\r"]);
    expect(result.exit).toBe(7);
    expect(result.output).toContain("USER=workspace");
    expect(result.output).toContain("/home/workspace");
    expect(result.output, result.output).toMatch(/\r\n123\r\n/);
  });

  it("answers a plain GET with 400: the terminal needs a WebSocket upgrade", async () => {
    const response = await fetch(`${base}/api/workspaces/${name}/terminal`);
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: { code: "BAD_REQUEST" } });
  });

  it("refuses an unknown workspace with 404 and the API's JSON error", async () => {
    const result = await open(`/api/workspaces/${name}-nope/terminal`, []);
    expect(result.status).toBe(404);
    expect(JSON.parse(result.body ?? "")).toMatchObject({ error: { code: "WORKSPACE_NOT_FOUND" } });
  });

  it("refuses a stopped workspace with 409 WORKSPACE_NOT_RUNNING and the command to start it", async () => {
    await agent.service.stop(name);
    const result = await open(`/api/workspaces/${name}/terminal`, []);
    expect(result.status).toBe(409);
    expect(JSON.parse(result.body ?? "")).toEqual({
      error: { code: "WORKSPACE_NOT_RUNNING", message: `workspace "${name}" is not running (stopped)`, hint: `Start it with \`perry start ${name}\`, then try again.` },
    });
  });
});
