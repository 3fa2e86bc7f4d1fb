import { fireEvent, screen, within } from "@solidjs/testing-library";
import { describe, expect, it, vi } from "vitest";
import { createFakeApi, workspace } from "../test-support/fake-api.js";
import { renderRouted } from "../test-support/render.js";
import { Dashboard } from "./Dashboard.js";

const card = (name: string) => screen.getByRole("heading", { name }).closest("li") as HTMLElement;

describe("Dashboard", () => {
  it("shows a card per workspace with its Tailscale hostname", async () => {
    const fake = createFakeApi({ workspaces: [workspace("web", { tailscale: { state: "running", hostname: "perry-web", online: true } }), workspace("api")] });
    renderRouted(() => <Dashboard />, { api: fake.api });
    await screen.findByRole("heading", { name: "web" });
    expect(card("web").textContent).toContain("perry-web");
    expect(card("api").textContent).toContain("off (no auth key configured)");
  });

  it("applies live events: new, changed and removed workspaces", async () => {
    const fake = createFakeApi({ workspaces: [workspace("web")] });
    renderRouted(() => <Dashboard />, { api: fake.api });
    await screen.findByRole("heading", { name: "web" });
    fake.events.push({ type: "workspace", workspace: workspace("new1", { status: "stopped" }) });
    await screen.findByRole("heading", { name: "new1" });
    fake.events.push({ type: "workspace", workspace: workspace("new1", { tailscale: { state: "running", hostname: "new1", online: true } }) });
    await vi.waitFor(() => expect(card("new1").textContent).toContain("running"));
    fake.events.push({ type: "workspace-removed", name: "web" });
    await vi.waitFor(() => expect(screen.queryByRole("heading", { name: "web" })).toBeNull());
  });

  it("shows Starting… and progress messages until the start finishes", async () => {
    const fake = createFakeApi({ workspaces: [workspace("web", { status: "stopped" })], holdStarts: true });
    renderRouted(() => <Dashboard />, { api: fake.api });
    await screen.findByRole("heading", { name: "web" });
    fireEvent.click(within(card("web")).getByRole("button", { name: "Start" }));
    const starting = within(card("web")).getByRole("button", { name: "Starting…" }) as HTMLButtonElement;
    expect(starting.disabled).toBe(true);
    fake.events.push({ type: "progress", name: "web", step: "tailscale", message: "Joining the tailnet as perry-web…" });
    await vi.waitFor(() => expect(within(card("web")).getByRole("status").textContent).toBe("Joining the tailnet as perry-web…"));
    fake.finishStart("web");
    await within(card("web")).findByRole("button", { name: "Stop" });
  });

  it("creates a workspace from the form with create: true", async () => {
    const fake = createFakeApi();
    renderRouted(() => <Dashboard />, { api: fake.api });
    await screen.findByText("No workspaces yet. Create one above.");
    fireEvent.input(screen.getByLabelText("Name"), { target: { value: "myproject" } });
    fireEvent.click(screen.getByRole("button", { name: "Create and start" }));
    await screen.findByRole("heading", { name: "myproject" });
    expect(fake.callsTo("startWorkspace")).toEqual([["myproject", { create: true }]]);
  });

  it("deletes a workspace after the name is typed", async () => {
    const fake = createFakeApi({ workspaces: [workspace("web")] });
    renderRouted(() => <Dashboard />, { api: fake.api });
    await screen.findByRole("heading", { name: "web" });
    fireEvent.click(within(card("web")).getByRole("button", { name: "Delete" }));
    fireEvent.input(screen.getByLabelText("Type web to confirm"), { target: { value: "web" } });
    fireEvent.click(screen.getByRole("button", { name: "Delete workspace" }));
    await vi.waitFor(() => expect(screen.queryByRole("heading", { name: "web" })).toBeNull());
    expect(fake.callsTo("removeWorkspace")).toEqual([["web"]]);
  });

  it("polls when the event stream fails", async () => {
    const fake = createFakeApi({ workspaces: [workspace("web")], eventsFail: true });
    renderRouted(() => <Dashboard live={{ pollMs: 20, reconnectMs: 60_000 }} />, { api: fake.api });
    await screen.findByText("Live updates interrupted; refreshing every 5 seconds.");
    const before = fake.callsTo("listWorkspaces").length;
    await vi.waitFor(() => expect(fake.callsTo("listWorkspaces").length).toBeGreaterThan(before + 1));
  });
});
