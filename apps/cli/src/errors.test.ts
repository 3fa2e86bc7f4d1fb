import { AgentStartError } from "@perry/agent";
import { AgentUnreachableError, ApiError, UnexpectedResponseError } from "@perry/api-client";
import { describe, expect, it } from "vitest";
import { CliError, failureJson, formatFailure, toFailure } from "./errors.js";

describe("toFailure", () => {
  it("tells the user how to start or choose an agent when none answers, with exit code 3", () => {
    const failure = toFailure(new AgentUnreachableError("http://localhost:7391", { cause: new TypeError("fetch failed") }));
    expect(failure).toMatchObject({
      code: "AGENT_UNREACHABLE",
      message: "cannot reach the Perry agent at http://localhost:7391",
      hint: "Start it with `perry agent run`, or point the CLI at another agent with `perry config agent <host>`",
      exitCode: 3,
    });
  });

  it.each([
    ["INVALID_NAME", 2],
    ["BAD_REQUEST", 2],
    ["WORKSPACE_NOT_FOUND", 4],
    ["WORKSPACE_EXISTS", 5],
    ["WORKSPACE_BUSY", 5],
    ["DOCKER_UNAVAILABLE", 6],
    ["IMAGE_NOT_FOUND", 6],
    ["INTERNAL", 1],
    ["SOMETHING_NEWER", 1],
  ])("exits an agent error %s with code %i", (code, exitCode) => {
    expect(toFailure(new ApiError(code, "msg", 400)).exitCode).toBe(exitCode);
  });

  it("keeps the agent's own hint, and adds one where the agent gave none", () => {
    expect(toFailure(new ApiError("DOCKER_UNAVAILABLE", "Docker is not running", 503, "Start Docker")).hint).toBe("Start Docker");
    expect(toFailure(new ApiError("WORKSPACE_NOT_FOUND", "no workspace x", 404)).hint).toBe("See your workspaces with `perry list`");
  });

  it("maps the CLI's own errors by code", () => {
    expect(toFailure(new CliError("INVALID_NAME", "bad", 'Did you mean "x"?'))).toMatchObject({ code: "INVALID_NAME", exitCode: 2, hint: 'Did you mean "x"?' });
  });

  it("passes an agent start failure through as its one-line message", () => {
    expect(toFailure(new AgentStartError("PORT_IN_USE", "port 7391 is already in use"))).toMatchObject({
      code: "PORT_IN_USE",
      message: "port 7391 is already in use",
      exitCode: 5,
    });
  });

  it("asks whether the address is an agent when the answer is not the agent's contract", () => {
    expect(toFailure(new UnexpectedResponseError("http://x/api/health", 200, "not json"))).toMatchObject({ code: "UNEXPECTED_RESPONSE", exitCode: 1 });
  });

  it("reports anything else as internal and points to PERRY_DEBUG", () => {
    expect(toFailure(new RangeError("boom"))).toMatchObject({ code: "INTERNAL", message: "internal error: boom", hint: "Run again with PERRY_DEBUG=1 for details", exitCode: 1 });
  });
});

describe("formatFailure", () => {
  const failure = toFailure(new AgentUnreachableError("http://localhost:7391", { cause: new TypeError("fetch failed") }));

  it("prints the message and the hint as two lines without a stack", () => {
    expect(formatFailure(failure, false)).toBe(
      "Error: cannot reach the Perry agent at http://localhost:7391\nHint: Start it with `perry agent run`, or point the CLI at another agent with `perry config agent <host>`\n",
    );
  });

  it("adds the stack and causes in debug mode", () => {
    const text = formatFailure(failure, true);
    expect(text).toContain("AgentUnreachableError: cannot reach");
    expect(text).toContain("Caused by:\nTypeError: fetch failed");
  });
});

describe("failureJson", () => {
  it("shapes a failure like the agent's error bodies", () => {
    expect(failureJson(toFailure(new ApiError("WORKSPACE_EXISTS", "exists", 409)))).toEqual({ error: { code: "WORKSPACE_EXISTS", message: "exists" } });
  });
});
