import { describe, expect, it } from "vitest";
import { configFilePath, displayPath, resolveConfigDir } from "./paths.js";

describe("resolveConfigDir", () => {
  it.each([
    { env: { PERRY_CONFIG_DIR: "/etc/perry", XDG_CONFIG_HOME: "/x" }, want: "/etc/perry" },
    { env: { XDG_CONFIG_HOME: "/x" }, want: "/x/perry" },
    { env: { XDG_CONFIG_HOME: "relative/ignored" }, want: "/home/me/.config/perry" },
    { env: { PERRY_CONFIG_DIR: "  ", XDG_CONFIG_HOME: "" }, want: "/home/me/.config/perry" },
    { env: {}, want: "/home/me/.config/perry" },
  ])("resolves $env to $want", ({ env, want }) => {
    expect(resolveConfigDir(env, "/home/me")).toBe(want);
  });
});

describe("configFilePath", () => {
  it("puts config.json inside the directory", () => {
    expect(configFilePath("/x/perry")).toBe("/x/perry/config.json");
  });
});

describe("displayPath", () => {
  it("abbreviates the home directory to ~", () => {
    expect(displayPath("/home/me/.config/perry/config.json", "/home/me")).toBe("~/.config/perry/config.json");
  });

  it("leaves other paths and look-alike prefixes alone", () => {
    expect(displayPath("/home/meow/config.json", "/home/me")).toBe("/home/meow/config.json");
  });
});
