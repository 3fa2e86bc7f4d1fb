import { render, screen } from "@solidjs/testing-library";
import { describe, expect, it } from "vitest";
import { App } from "./App.js";
import { configView, createFakeApi } from "./test-support/fake-api.js";

describe("App", () => {
  it("opens the setup wizard on first open", async () => {
    window.history.replaceState(null, "", "/");
    render(() => <App api={createFakeApi({ config: configView({ setupComplete: false }) }).api} />);
    await screen.findByRole("heading", { name: "Set up Perry" });
    expect(window.location.pathname).toBe("/setup");
  });

  it("shows the dashboard, navigation and the agent's tailnet address once set up", async () => {
    window.history.replaceState(null, "", "/");
    render(() => <App api={createFakeApi().api} />);
    await screen.findByRole("heading", { name: "Workspaces", level: 1 });
    expect(screen.getByRole("link", { name: "Configuration" }).getAttribute("href")).toBe("/settings");
    expect((await screen.findByText("devbox.tail-scale.ts.net")).tagName).toBe("CODE");
    expect(screen.getByRole("link", { name: "https://devbox.tail-scale.ts.net" })).toBeTruthy();
  });
});
