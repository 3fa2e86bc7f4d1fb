import { describe, expect, it } from "vitest";
import { parseTerminalMessage, terminalClientMessageSchema, terminalServerMessageSchema, terminalUrl } from "./terminal.js";

describe("terminalUrl", () => {
  it.each([
    ["http://localhost:7391", "demo", {}, "ws://localhost:7391/api/workspaces/demo/terminal"],
    ["https://box.tail-scale.ts.net/", "demo", { cols: 80, rows: 24, term: "xterm" }, "wss://box.tail-scale.ts.net/api/workspaces/demo/terminal?cols=80&rows=24&term=xterm"],
  ])("turns %s and %s into a WebSocket URL", (base, name, options, expected) => {
    expect(terminalUrl(base, name, options)).toBe(expected);
  });
});

describe("parseTerminalMessage", () => {
  it("reads the control frames of both sides", () => {
    expect(parseTerminalMessage(terminalClientMessageSchema, '{"type":"resize","cols":80,"rows":24}')).toEqual({ type: "resize", cols: 80, rows: 24 });
    expect(parseTerminalMessage(terminalServerMessageSchema, '{"type":"exit","code":3}')).toEqual({ type: "exit", code: 3 });
  });

  it.each(["not json", '{"type":"resize","cols":0,"rows":24}', '{"type":"other"}'])("ignores %s", (text) => {
    expect(parseTerminalMessage(terminalClientMessageSchema, text)).toBeUndefined();
  });
});
