import { screen } from "@solidjs/testing-library";
import { describe, expect, it } from "vitest";
import { createFakeApi, workspace } from "../test-support/fake-api.js";
import { renderRouted } from "../test-support/render.js";
import { WorkspaceDetail } from "./WorkspaceDetail.js";

describe("WorkspaceDetail", () => {
  it("shows tailnet details, copyable commands and recent logs", async () => {
    const fake = createFakeApi({
      workspaces: [
        workspace("web", {
          tailscale: { state: "running", hostname: "perry-web", dnsName: "perry-web.tail-scale.ts.net", ips: ["100.64.0.9", "fd7a::9"], online: true },
        }),
      ],
    });
    renderRouted(() => <WorkspaceDetail />, { api: fake.api, location: "/workspaces/web", path: "/workspaces/:name" });
    await screen.findByText("workspace-web");
    expect(screen.getByText("perry-web.tail-scale.ts.net")).toBeTruthy();
    expect(screen.getByText("100.64.0.9, fd7a::9")).toBeTruthy();
    expect(screen.getByText("ssh workspace@perry-web")).toBeTruthy();
    expect(screen.getByText("http://perry-web:3000")).toBeTruthy();
    expect(screen.getByRole("button", { name: "Copy SSH command" })).toBeTruthy();
    expect((await screen.findByLabelText("Last 200 log lines")).textContent).toBe("log line for web\n");
    expect(fake.callsTo("logs")).toEqual([["web", { tail: 200 }]]);
  });
});
