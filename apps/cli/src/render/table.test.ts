import { describe, expect, it } from "vitest";
import { renderFields, renderTable } from "./table.js";

describe("renderTable", () => {
  it("pads each column to its widest cell and trims trailing spaces", () => {
    expect(renderTable(["NAME", "STATUS"], [["a", "running"], ["longer-name", "stopped"]])).toBe(
      ["NAME         STATUS", "a            running", "longer-name  stopped"].join("\n"),
    );
  });

  it("prints only the header when there are no rows", () => {
    expect(renderTable(["NAME", "STATUS"], [])).toBe("NAME  STATUS");
  });
});

describe("renderFields", () => {
  it("aligns values and leaves out undefined ones", () => {
    expect(renderFields([["Name", "x"], ["Missing", undefined], ["Container", "workspace-x"]])).toBe(
      ["Name:       x", "Container:  workspace-x"].join("\n"),
    );
  });
});
