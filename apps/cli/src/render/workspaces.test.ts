import { describe, expect, it } from "vitest";
import { workspace } from "../test-support/workspace.js";
import { renderStarted, renderWorkspace, renderWorkspaceList, tailscaleCell } from "./workspaces.js";

const now = new Date("2025-01-01T12:05:00.000Z");

describe("tailscaleCell", () => {
  it.each([
    [{ state: "disabled" as const }, "-"],
    [{ state: "running" as const, hostname: "myproject" }, "myproject"],
    [{ state: "running" as const, hostname: "myproject", actualHostname: "myproject" }, "myproject"],
    [{ state: "running" as const, hostname: "myproject", actualHostname: "myproject-1" }, "myproject (gave: myproject-1)"],
    [{ state: "running" as const }, "running"],
    [{ state: "starting" as const, hostname: "myproject" }, "starting"],
    [{ state: "needs-login" as const, error: "The auth key was refused." }, "needs-login"],
    [{ state: "waiting" as const }, "waiting"],
    [{ state: "error" as const, error: "tailscaled exited. Check docker logs." }, "error: tailscaled exited"],
    [{ state: "error" as const }, "error"],
  ])("shows %o as %s", (tailscale, expected) => {
    expect(tailscaleCell(workspace({ tailscale }).tailscale)).toBe(expected);
  });

  it("cuts a long error reason to fit a table cell", () => {
    const cell = tailscaleCell(workspace({ tailscale: { state: "error", error: "x".repeat(80) } }).tailscale);
    expect(cell).toBe(`error: ${"x".repeat(39)}…`);
  });
});

describe("renderWorkspaceList", () => {
  it("points to perry start when there are no workspaces", () => {
    expect(renderWorkspaceList([], now)).toBe("No workspaces yet. Create one with `perry start <name>`");
  });

  it("renders NAME, STATUS, TAILSCALE and CREATED columns", () => {
    const list = [
      workspace({ tailscale: { state: "running", hostname: "myproject" } }),
      workspace({ name: "backend", status: "stopped", createdAt: "2024-12-29T12:05:00.000Z" }),
    ];
    expect(renderWorkspaceList(list, now)).toBe(
      ["NAME       STATUS   TAILSCALE  CREATED", "myproject  running  myproject  5m", "backend    stopped  -          3d"].join("\n"),
    );
  });
});

describe("renderWorkspace", () => {
  it("shows the tailnet addresses ready to copy when the workspace is on the tailnet", () => {
    const text = renderWorkspace(
      workspace({
        tailscale: { state: "running", hostname: "myproject", dnsName: "myproject.tail-xyz.ts.net", ips: ["100.64.0.5"], online: true },
      }),
      now,
    );
    expect(text).toContain("Status:     running (Up 3 minutes)");
    expect(text).toContain("Created:    2025-01-01T12:00:00.000Z (5m ago)");
    expect(text).toContain("FQDN:       myproject.tail-xyz.ts.net");
    expect(text).toContain("IPs:        100.64.0.5");
    expect(text).toContain("Online:     yes");
    expect(text).toContain("SSH:        ssh workspace@myproject");
    expect(text).toContain("Web:        http://myproject:<port>");
  });

  it("leaves out tailnet addresses and online state when Tailscale is off", () => {
    const text = renderWorkspace(workspace(), now);
    expect(text).toContain("Tailscale:  disabled");
    expect(text).not.toContain("SSH:");
    expect(text).not.toContain("Online:");
  });

  it("uses the name the tailnet gave when it differs from the one asked for", () => {
    const text = renderWorkspace(workspace({ tailscale: { state: "running", hostname: "myproject", actualHostname: "myproject-1" } }), now);
    expect(text).toContain("Hostname:   myproject (gave: myproject-1)");
    expect(text).toContain("ssh workspace@myproject-1");
  });
});

describe("renderStarted", () => {
  it("says whether the workspace was created and where it is on the tailnet", () => {
    const ws = workspace({ tailscale: { state: "running", hostname: "myproject", dnsName: "myproject.tail-xyz.ts.net" } });
    expect(renderStarted({ workspace: ws, created: true })).toBe(
      "Created and started myproject\nTailnet: http://myproject (myproject.tail-xyz.ts.net)",
    );
  });

  it("prints only the verb when Tailscale is disabled", () => {
    expect(renderStarted({ workspace: workspace(), created: false })).toBe("Started myproject");
  });

  it("reports a tailnet join that has not finished, with its reason", () => {
    const ws = workspace({ tailscale: { state: "needs-login", hostname: "myproject", error: "the auth key expired" } });
    expect(renderStarted({ workspace: ws, created: false })).toBe("Started myproject\nTailnet: myproject (needs-login: the auth key expired)");
  });
});
