import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { agentUrlFrom, createApiClient } from "./client.js";
import { AgentUnreachableError, ApiError, UnexpectedResponseError } from "./errors.js";

describe("agentUrlFrom", () => {
  it.each([
    ["my-box.tail-scale.ts.net", "http://my-box.tail-scale.ts.net:7391"],
    ["my-box:8080", "http://my-box:8080"],
    ["https://my-box.tail-scale.ts.net", "https://my-box.tail-scale.ts.net"],
    ["http://10.0.0.1:7391/", "http://10.0.0.1:7391"],
    ["100.64.0.1", "http://100.64.0.1:7391"],
    ["fd7a:115c:a1e0::1", "http://[fd7a:115c:a1e0::1]:7391"],
  ])("turns %s into %s", (input, expected) => {
    expect(agentUrlFrom(input)).toBe(expected);
  });
});

// A real HTTP server on loopback stands in for the agent's error answers; the
// agent's own tests check that it produces exactly these bodies.
describe("createApiClient", () => {
  let server: Server;
  let url: string;
  beforeAll(async () => {
    server = createServer((req, res) => {
      if (req.url === "/api/workspaces/missing") {
        res.writeHead(404, { "content-type": "application/json" });
        res.end(JSON.stringify({ error: { code: "WORKSPACE_NOT_FOUND", message: "no workspace named missing", hint: "perry list" } }));
      } else {
        res.writeHead(200, { "content-type": "text/html" });
        res.end("<html>not an agent</html>");
      }
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it("turns an error body into an ApiError with the agent's code", async () => {
    const error = await createApiClient({ baseUrl: url }).getWorkspace("missing").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ code: "WORKSPACE_NOT_FOUND", status: 404, hint: "perry list" });
  });

  it("reports a non-agent answer as an unexpected response", async () => {
    const error = await createApiClient({ baseUrl: url }).listWorkspaces().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnexpectedResponseError);
  });

  it("reports a closed port as an unreachable agent naming the URL", async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const error = await createApiClient({ baseUrl: `http://127.0.0.1:${port}` }).health().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AgentUnreachableError);
    expect((error as Error).message).toContain(`127.0.0.1:${port}`);
  });
});
