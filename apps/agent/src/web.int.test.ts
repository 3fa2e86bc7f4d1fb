import { readdirSync } from "node:fs";
import { join } from "node:path";
import { webDistDir } from "@perry/web";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testAgent } from "./test-support/agent.js";

// The agent serves the built web UI (apps/web/dist; `pnpm build` makes it before the tests run).
describe("web UI assets served by the agent", () => {
  let agent: Awaited<ReturnType<typeof testAgent>>;
  beforeAll(async () => {
    agent = await testAgent();
  });
  afterAll(async () => {
    await agent.cleanup();
  });

  it("answers a deep link with index.html that browsers revalidate", async () => {
    const res = await agent.request("/workspaces/myproject", { headers: { host: "localhost:7391" } });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/html");
    expect(res.headers.get("cache-control")).toBe("no-cache");
    expect(await res.text()).toContain('<div id="root"');
  });

  it("serves hashed assets as immutable", async () => {
    const asset = readdirSync(join(webDistDir, "assets")).find((file) => file.endsWith(".js"));
    expect(asset).toBeDefined();
    const res = await agent.request(`/assets/${asset}`, { headers: { host: "localhost:7391" } });
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
  });

  it("answers a missing asset with 404 rather than the index page", async () => {
    const res = await agent.request("/assets/no-such-file.js", { headers: { host: "localhost:7391" } });
    expect(res.status).toBe(404);
  });

  it("keeps unknown API paths out of the UI fallback", async () => {
    const res = await agent.request("/api/nope", { headers: { host: "localhost:7391" } });
    expect(res.status).toBe(404);
    expect(res.headers.get("content-type")).toContain("application/json");
  });
});
