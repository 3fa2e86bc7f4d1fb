import type { TailscaleWhois } from "@perry/tailscale";
import { describe, expect, it } from "vitest";
import { decideAccess, type RequestOrigin, type TailnetPolicy } from "./policy.js";

const policy: TailnetPolicy = {
  selfUser: { id: 1, loginName: "alice@example.com" },
  workspaceIps: new Set(["100.64.0.9"]),
  workspaceNames: new Set(["perry-myproject.tail.ts.net"]),
  allowedTags: ["tag:ci"],
};
const who = (over: Partial<TailscaleWhois>): TailscaleWhois => ({ nodeName: "laptop.tail.ts.net", nodeId: "nL", userId: 1, userLoginName: "alice@example.com", tags: [], ...over });
const tailnet = (w: TailscaleWhois | undefined, address = "100.64.0.2", nodeIps: string[] = []): RequestOrigin => ({ kind: "tailnet", address, who: w, nodeIps });

describe("decideAccess", () => {
  it("allows local processes and the owner's other devices", () => {
    expect(decideAccess({ kind: "local" }, "none", policy)).toMatchObject({ allowed: true, principal: { kind: "local" } });
    expect(decideAccess(tailnet(who({})), "none", policy)).toMatchObject({ allowed: true, principal: { kind: "tailnet", who: "alice@example.com", node: "laptop.tail.ts.net" } });
  });

  it("refuses a workspace by its address even when it is named like a laptop", () => {
    const d = decideAccess(tailnet(who({ nodeName: "alices-macbook.tail.ts.net" }), "127.0.0.1", ["100.64.0.9"]), "none", policy);
    expect(d).toMatchObject({ allowed: false, status: 403, code: "FORBIDDEN" });
    expect(d.allowed || d.message).toMatch(/alice@example.com \(alices-macbook.tail.ts.net\) is one of Perry's workspaces/);
  });

  it("refuses a workspace by its MagicDNS name, and a workspace even with a valid-looking allowed tag", () => {
    expect(decideAccess(tailnet(who({ nodeName: "perry-myproject.tail.ts.net" })), "none", policy).allowed).toBe(false);
    expect(decideAccess(tailnet(who({ tags: ["tag:ci"] }), "100.64.0.9"), "none", policy).allowed).toBe(false);
  });

  it("refuses another user's device and says who and how to allow", () => {
    const d = decideAccess(tailnet(who({ userId: 2, userLoginName: "bob@example.com", nodeName: "bobs-pc.tail.ts.net" })), "none", policy);
    expect(d).toMatchObject({ allowed: false, status: 403 });
    expect(d.allowed || d.message).toMatch(/^bob@example.com \(bobs-pc.tail.ts.net\) may not use this agent; only alice@example.com's own devices may.*perry agent token/);
  });

  it("refuses tagged devices unless a tag is allowed in agent.allowedTags", () => {
    const d = decideAccess(tailnet(who({ userId: 99, userLoginName: "tagged-devices", tags: ["tag:server"] })), "none", policy);
    expect(d.allowed || d.message).toMatch(/tagged tag:server.*agent\.allowedTags/);
    expect(decideAccess(tailnet(who({ userId: 99, tags: ["tag:server", "tag:ci"] })), "none", policy).allowed).toBe(true);
  });

  it("refuses unknown tailnet devices, Funnel, other networks, and everything when the host's owner is unknown", () => {
    expect(decideAccess(tailnet(undefined), "none", policy).allowed).toBe(false);
    expect(decideAccess({ kind: "funnel" }, "none", policy).allowed).toBe(false);
    expect(decideAccess({ kind: "remote", address: "192.168.1.5" }, "none", policy).allowed).toBe(false);
    expect(decideAccess(tailnet(who({})), "none", { ...policy, selfUser: undefined }).allowed).toBe(false);
  });

  it("lets a valid token in from anywhere and answers 401 to a wrong one, even locally", () => {
    expect(decideAccess({ kind: "remote", address: "192.168.1.5" }, "valid", policy)).toMatchObject({ allowed: true, principal: { kind: "token" } });
    expect(decideAccess({ kind: "funnel" }, "valid", policy).allowed).toBe(true);
    expect(decideAccess({ kind: "local" }, "invalid", policy)).toMatchObject({ allowed: false, status: 401, code: "UNAUTHORIZED" });
  });
});
