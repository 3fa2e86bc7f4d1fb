import { fireEvent, screen } from "@solidjs/testing-library";
import { describe, expect, it, vi } from "vitest";
import type { WorkspaceTailscale } from "../lib/api.js";
import { workspace } from "../test-support/fake-api.js";
import { renderRouted } from "../test-support/render.js";
import { WorkspaceCard } from "./WorkspaceCard.js";

function renderCard(tailscale: Partial<WorkspaceTailscale>, extra: { onDelete?: () => Promise<boolean>; busy?: "starting"; progress?: string; status?: "stopped" } = {}) {
  const onDelete = extra.onDelete ?? vi.fn(async () => true);
  const onStart = vi.fn();
  renderRouted(
    () => (
      <ul>
        <WorkspaceCard
          workspace={workspace("web", { tailscale, ...(extra.status ? { status: extra.status } : {}) })}
          busy={extra.busy}
          progress={extra.progress}
          onStart={onStart}
          onStop={() => {}}
          onDelete={onDelete}
        />
      </ul>
    ),
  );
  return { onDelete, onStart };
}

const tailscaleText = async () => (await screen.findByText("Tailscale:")).parentElement?.parentElement?.textContent;

describe("WorkspaceCard", () => {
  it.each([
    [{ state: "running", hostname: "perry-web", online: true, ips: ["100.64.0.9"] }, "perry-web"],
    [{ state: "disabled" }, "off (no auth key configured)"],
    [{ state: "pending-restart" }, "restart the workspace to apply"],
    [{ state: "stopped" }, "not connected (workspace stopped)"],
    [{ state: "starting" }, "connecting…"],
    [{ state: "needs-login", error: "The auth key expired." }, "auth key refused or expiredThe auth key expired."],
    [{ state: "needs-approval" }, "waiting for an admin to approve"],
    [{ state: "waiting" }, "control server unreachable"],
    [{ state: "error", error: "tailscaled crashed" }, "tailscaled crashed"],
    [{ state: "unknown" }, "no report yet"],
  ] as [Partial<WorkspaceTailscale>, string][])("shows Tailscale state %j in words", async (tailscale, text) => {
    renderCard(tailscale);
    expect(await tailscaleText()).toContain(text);
  });

  it("notes when the tailnet gave a different hostname", async () => {
    renderCard({ state: "running", hostname: "web", actualHostname: "web-1", online: true });
    expect(await tailscaleText()).toContain("web-1");
    expect(await tailscaleText()).toContain("Asked for web, the tailnet named it web-1");
  });

  it("disables Start and shows progress while starting", () => {
    renderCard({ state: "stopped" }, { status: "stopped", busy: "starting", progress: "Pulling image…" });
    const button = screen.getByRole("button", { name: "Starting…" }) as HTMLButtonElement;
    expect(button.disabled).toBe(true);
    expect(screen.getByRole("status").textContent).toBe("Pulling image…");
  });

  it("deletes only after the name is typed", async () => {
    const { onDelete } = renderCard({ state: "disabled" });
    fireEvent.click(screen.getByRole("button", { name: "Delete" }));
    const dialog = screen.getByRole("dialog", { name: "Delete web?" });
    const confirm = screen.getByRole("button", { name: "Delete workspace" }) as HTMLButtonElement;
    expect(confirm.disabled).toBe(true);
    const input = screen.getByLabelText("Type web to confirm");
    expect(document.activeElement).toBe(input);
    fireEvent.input(input, { target: { value: "we" } });
    expect(confirm.disabled).toBe(true);
    fireEvent.input(input, { target: { value: "web" } });
    expect(confirm.disabled).toBe(false);
    fireEvent.click(confirm);
    await vi.waitFor(() => expect(onDelete).toHaveBeenCalledOnce());
    await vi.waitFor(() => expect(dialog.isConnected).toBe(false));
  });

  it("closes the delete dialog on Escape without deleting", () => {
    const { onDelete } = renderCard({ state: "disabled" });
    fireEvent.click(screen.getByRole("button", { name: "Delete" }));
    fireEvent.keyDown(document, { key: "Escape" });
    expect(screen.queryByRole("dialog")).toBeNull();
    expect(onDelete).not.toHaveBeenCalled();
    expect(document.activeElement).toBe(screen.getByRole("button", { name: "Delete" }));
  });
});
