import { describe, expect, it } from "vitest";
import { validWorkspaceName } from "./workspace-name.js";

describe("validWorkspaceName", () => {
  it("returns a valid name unchanged", () => {
    expect(validWorkspaceName("myproject")).toBe("myproject");
  });

  it("refuses a bad name with the rule and a suggestion", () => {
    expect(() => validWorkspaceName("My_Project")).toThrow(expect.objectContaining({ code: "INVALID_NAME", hint: 'Did you mean "my-project"?' }));
  });

  it("refuses a name with nothing usable without a suggestion", () => {
    expect(() => validWorkspaceName("___")).toThrow(expect.objectContaining({ code: "INVALID_NAME", hint: undefined }));
  });
});
