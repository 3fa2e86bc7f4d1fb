import type { Server } from "node:http";
import { request as httpRequest } from "node:http";
import { rotateAgentToken } from "@perry/config";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { boundPort, close, listen } from "../listen.js";
import { testAgent } from "../test-support/agent.js";

// The middleware over a real loopback listener (no Tailscale here: see access.lab.int.test.ts).
// Raw node:http requests, because fetch forbids setting Host and some other headers.
function send(port: number, path: string, init: { method?: string; headers?: Record<string, string>; body?: string } = {}) {
  return new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = httpRequest({ host: "127.0.0.1", port, path, method: init.method ?? "GET", headers: init.headers }, (res) => {
      let body = "";
      res.on("data", (chunk) => {
        body += chunk;
      });
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on("error", reject);
    req.end(init.body);
  });
}

describe("access control over a real listener", () => {
  let agent: Awaited<ReturnType<typeof testAgent>>;
  let server: Server;
  let port: number;
  let token: string;

  beforeAll(async () => {
    agent = await testAgent({ PERRY_TAILSCALE_SERVE: "0" });
    server = await listen(agent.app.fetch, "127.0.0.1", 0);
    port = boundPort(server);
    token = await rotateAgentToken(`${agent.root}/config`);
  });
  afterAll(async () => {
    await close(server);
    await agent?.cleanup();
  });

  it("serves local callers with any of the agent's own names", async () => {
    for (const host of [`localhost:${port}`, `127.0.0.1:${port}`, `[::1]:${port}`]) {
      expect((await send(port, "/api/health", { headers: { host } })).status).toBe(200);
    }
  });

  it("refuses a Host that is not the agent's (DNS rebinding), on the API and the web UI", async () => {
    for (const path of ["/api/health", "/"]) {
      const res = await send(port, path, { headers: { host: `evil.example:${port}` } });
      expect(res.status).toBe(403);
      expect(JSON.parse(res.body).error.message).toMatch(/does not answer to the name "evil.example"/);
    }
  });

  it("refuses cross-origin writes and form posts but accepts same-origin JSON", async () => {
    const evil = await send(port, "/api/workspaces", { method: "POST", headers: { origin: "http://evil.example", "content-type": "application/json" }, body: "{}" });
    expect(evil.status).toBe(403);
    const form = await send(port, "/api/workspaces", { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: "name=x" });
    expect(form.status).toBe(415);
    const ok = await send(port, "/api/workspaces", { method: "POST", headers: { origin: `http://localhost:${port}`, "content-type": "application/json" }, body: '{"name":"BAD NAME"}' });
    expect(ok.status).toBe(400);
    const ws = await send(port, "/api/events", { headers: { origin: "http://evil.example", upgrade: "websocket", connection: "Upgrade" } });
    expect(ws.status).toBe(403);
  });

  it("treats a proxied remote client and Funnel as remote: refused without the token, allowed with it", async () => {
    const proxied = await send(port, "/api/workspaces", { headers: { "x-forwarded-for": "192.168.1.50" } });
    expect(proxied.status).toBe(403);
    expect(JSON.parse(proxied.body).error).toMatchObject({ code: "FORBIDDEN", message: expect.stringMatching(/192\.168\.1\.50 is neither this machine.*perry agent token/) });
    expect((await send(port, "/api/workspaces", { headers: { "tailscale-funnel-request": "?1" } })).status).toBe(403);
    const withToken = await send(port, "/api/workspaces", { headers: { "x-forwarded-for": "192.168.1.50", authorization: `Bearer ${token}` } });
    expect(withToken.status).toBe(200);
  });

  it("ignores Serve identity headers that did not come through Serve", async () => {
    const res = await send(port, "/api/health", { headers: { "tailscale-user-login": "mallory@example.com", "tailscale-user-name": "Mallory" } });
    expect(res.status).toBe(200);
  });

  it("answers 401 to a wrong token and applies a rotation at once", async () => {
    expect((await send(port, "/api/health", { headers: { authorization: "Bearer nope" } })).status).toBe(401);
    const rotated = await rotateAgentToken(`${agent.root}/config`);
    expect((await send(port, "/api/health", { headers: { authorization: `Bearer ${token}` } })).status).toBe(401);
    expect((await send(port, "/api/health", { headers: { authorization: `Bearer ${rotated}` } })).status).toBe(200);
    token = rotated;
    expect(agent.lines.join("\n")).not.toContain(token);
  });
});
