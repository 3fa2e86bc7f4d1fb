import { readFile } from "node:fs/promises";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testAgent } from "../test-support/agent.js";

// Property: whatever arrives (names, bodies of any type or size, unknown fields, odd headers), the
// API answers a success or a 4xx with a message, never a 5xx; and a rejected request changes
// nothing (the containers Docker lists and config.json stay as they were).

const nameArb = fc.oneof(
  fc.string({ maxLength: 80 }),
  fc.stringMatching(/^[a-z0-9-]{0,70}$/),
  fc.constantFrom("", ".", "..", "%2e%2e", "a/b", "-x", "x-", "A", "ü", "a".repeat(64), "con", "null"),
);
const jsonArb = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.record({ name: fc.oneof(nameArb, fc.jsonValue({ maxDepth: 1 })) }, { requiredKeys: [] }),
  fc.record({ name: nameArb, clone: fc.oneof(fc.string(), fc.integer()), extra: fc.jsonValue({ maxDepth: 1 }) }, { requiredKeys: ["name"] }),
  fc.record({ tailscale: fc.jsonValue({ maxDepth: 2 }), agents: fc.jsonValue({ maxDepth: 2 }), bogus: fc.anything() }, { requiredKeys: [] }),
);
const bodyArb = fc.oneof(
  jsonArb.map((value) => ({ text: JSON.stringify(value) ?? "null", type: "application/json" })),
  fc.string({ maxLength: 200 }).map((text) => ({ text, type: "application/json" })),
  fc.string({ maxLength: 50 }).map((text) => ({ text, type: "text/plain" })),
  fc.integer({ min: 60_000, max: 200_000 }).map((n) => ({ text: JSON.stringify({ name: "x".repeat(n) }), type: "application/json" })),
  fc.constant(undefined),
);
const headersArb = fc.dictionary(
  fc.constantFrom("accept", "x-odd", "tailscale-user-login", "x-forwarded-host", "accept-encoding", "cookie", "if-none-match", "range"),
  fc.string({ maxLength: 60 }).filter((v) => /^[\x20-\x7e]*$/.test(v)),
  { maxKeys: 3 },
);
const requestArb = fc.record({
  method: fc.constantFrom("GET", "POST", "PATCH", "PUT", "DELETE", "OPTIONS", "HEAD"),
  path: fc.oneof(
    nameArb.map((n) => `/api/workspaces/${encodeURIComponent(n)}`),
    nameArb.map((n) => `/api/workspaces/${encodeURIComponent(n)}/start`),
    nameArb.map((n) => `/api/workspaces/${encodeURIComponent(n)}/stop`),
    nameArb.map((n) => `/api/workspaces/${encodeURIComponent(n)}/logs?tail=${encodeURIComponent(n)}`),
    fc.constantFrom("/api/workspaces", "/api/config", "/api/info", "/api/health", "/api/ssh/host-keys", "/api/nope", "/api/workspaces?x=1"),
  ),
  body: bodyArb,
  headers: headersArb,
});

describe("the API under arbitrary input", () => {
  let agent: Awaited<ReturnType<typeof testAgent>>;
  beforeAll(async () => {
    agent = await testAgent();
  });
  afterAll(async () => {
    await agent?.cleanup();
  });

  const containers = async () => (await agent.docker.list()).map((c) => c.name).sort();
  const configText = () => readFile(agent.config.file, "utf8").catch(() => "<none>");

  it("never answers 5xx, explains every 4xx, and changes no state on rejection", async () => {
    await fc.assert(
      fc.asyncProperty(requestArb, async ({ method, path, body, headers }) => {
        const [before, configBefore] = await Promise.all([containers(), configText()]);
        const withBody = body !== undefined && method !== "GET" && method !== "HEAD";
        const res = await agent.app.request(path, {
          method,
          headers: { ...headers, ...(withBody ? { "content-type": body.type } : {}) },
          ...(withBody ? { body: body.text } : {}),
        });
        expect(res.status, `${method} ${path}`).toBeLessThan(500);
        if (res.status >= 200 && res.status < 300) {
          // A success may create a workspace: remember it for cleanup.
          const created = /^\/api\/workspaces(\/([^/?]+)\/start)?$/.exec(path);
          if (created && method === "POST") for (const name of await containers()) if (!before.includes(name)) agent.track(name);
          return;
        }
        if (res.status >= 400 && method !== "HEAD") {
          const data = (await res.json()) as { error?: { code?: string; message?: string } };
          expect(data.error?.message, `${method} ${path}`).toEqual(expect.any(String));
          expect(data.error?.message?.length).toBeGreaterThan(0);
        }
        if (res.status >= 400) {
          expect(await containers()).toEqual(before);
          expect(await configText()).toBe(configBefore);
        }
      }),
      { numRuns: 300, seed: Number(process.env.FC_SEED ?? Date.now() % 2 ** 31) },
    );
  });
});
