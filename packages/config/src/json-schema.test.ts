import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { configJsonSchema } from "./json-schema.js";

describe("configJsonSchema", () => {
  it("describes the tailscale section with descriptions and defaults", () => {
    const schema = configJsonSchema() as { properties: { tailscale: { properties: Record<string, { description?: string; default?: unknown }> } } };
    const tailscale = schema.properties.tailscale.properties;
    expect(Object.keys(tailscale)).toEqual(expect.arrayContaining(["enabled", "authKey", "hostnamePrefix", "loginServer", "tags"]));
    expect(tailscale.hostnamePrefix?.default).toBe("");
    for (const field of Object.values(tailscale)) expect(field.description).toBeTruthy();
  });

  it("matches the checked-in config.schema.json (regenerate with `pnpm --filter @perry/config schema`)", async () => {
    const file = JSON.parse(await readFile(new URL("../config.schema.json", import.meta.url), "utf8"));
    expect(file).toEqual(configJsonSchema());
  });
});
