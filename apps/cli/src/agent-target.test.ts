import { describe, expect, it } from "vitest";
import { resolveAgentTarget } from "./agent-target.js";
import { CliError } from "./errors.js";

describe("resolveAgentTarget", () => {
  const settings = { agentUrl: "http://stored-box:7391", token: "stored-token" };

  it("prefers --agent over PERRY_AGENT_URL over the settings file over the default", () => {
    expect(resolveAgentTarget({ flag: "flag-box", envUrl: "env-box", settings })).toMatchObject({ url: "http://flag-box:7391", source: "flag" });
    expect(resolveAgentTarget({ envUrl: "env-box:8080", settings })).toMatchObject({ url: "http://env-box:8080", source: "env" });
    expect(resolveAgentTarget({ settings })).toMatchObject({ url: "http://stored-box:7391", source: "settings" });
    expect(resolveAgentTarget({ settings: {} })).toEqual({ url: "http://localhost:7391", source: "default" });
  });

  it("sends the stored token only to the stored agent", () => {
    expect(resolveAgentTarget({ settings })).toMatchObject({ token: "stored-token", tokenSource: "settings" });
    expect(resolveAgentTarget({ flag: "stored-box", settings })).toMatchObject({ token: "stored-token" });
    expect(resolveAgentTarget({ flag: "other-box", settings }).token).toBeUndefined();
  });

  it("uses PERRY_AGENT_TOKEN for whichever agent is selected", () => {
    expect(resolveAgentTarget({ flag: "other-box", envToken: "env-token", settings })).toMatchObject({ token: "env-token", tokenSource: "env" });
  });

  it("refuses an address that is neither a host nor a URL", () => {
    expect(() => resolveAgentTarget({ flag: "http://", settings: {} })).toThrow(CliError);
  });
});
