import { fireEvent, render, screen } from "@solidjs/testing-library";
import { describe, expect, it, vi } from "vitest";
import { CreateWorkspaceForm } from "./CreateWorkspaceForm.js";

function setup(existing: string[] = []) {
  const onCreate = vi.fn(async () => true);
  render(() => <CreateWorkspaceForm existing={existing} onCreate={onCreate} progressFor={() => undefined} />);
  const name = screen.getByLabelText("Name") as HTMLInputElement;
  return { onCreate, name };
}

describe("CreateWorkspaceForm", () => {
  it("shows the naming rule and a suggestion while a bad name is typed", async () => {
    const { name } = setup();
    fireEvent.input(name, { target: { value: "My_Project" } });
    const alert = await screen.findByRole("alert");
    expect(alert.textContent).toContain("1–63 characters of a-z, 0-9 and -");
    fireEvent.click(screen.getByRole("button", { name: "Use “my-project” instead" }));
    expect(name.value).toBe("my-project");
    expect(screen.queryByRole("alert")).toBeNull();
  });

  it("refuses a name that already exists", () => {
    const { name } = setup(["web"]);
    fireEvent.input(name, { target: { value: "web" } });
    expect(screen.getByRole("alert").textContent).toContain("already exists");
    expect((screen.getByRole("button", { name: "Create and start" }) as HTMLButtonElement).disabled).toBe(true);
  });

  it("creates with the name and the optional clone URL", async () => {
    const { name, onCreate } = setup();
    fireEvent.input(name, { target: { value: "myproject" } });
    fireEvent.input(screen.getByLabelText("Git repository to clone (optional)"), { target: { value: "https://github.com/me/app" } });
    fireEvent.click(screen.getByRole("button", { name: "Create and start" }));
    await vi.waitFor(() => expect(onCreate).toHaveBeenCalledWith("myproject", "https://github.com/me/app"));
    await vi.waitFor(() => expect(name.value).toBe(""));
  });
});
