import { describe, expect, it } from "vitest";
import { applyEnvOverrides } from "./env.js";
import { parseConfigText } from "./parse.js";
import { tailscaleSettings } from "./settings.js";
import { FAKE_AUTH_KEY } from "./test-support/temp-dir.js";

const where = { file: "/c/config.json", shown: "/c/config.json" };
const settingsFor = (file: unknown, env: NodeJS.ProcessEnv = {}) =>
  tailscaleSettings(applyEnvOverrides(parseConfigText(JSON.stringify(file), where).config, env));

describe("tailscaleSettings", () => {
  it("is enabled when a key is set and `enabled` is absent", () => {
    expect(settingsFor({ tailscale: { authKey: FAKE_AUTH_KEY } })).toEqual({
      enabled: true,
      authKey: FAKE_AUTH_KEY,
      hostnamePrefix: "",
      tags: [],
      source: "file",
    });
  });

  it("is disabled by an explicit false but keeps the key", () => {
    expect(settingsFor({ tailscale: { authKey: FAKE_AUTH_KEY, enabled: false } })).toMatchObject({
      enabled: false,
      authKey: FAKE_AUTH_KEY,
      source: "file",
    });
  });

  it.each([{}, { tailscale: { enabled: true } }, { tailscale: { authKey: "" } }])("is disabled without a key: %j", (file) => {
    expect(settingsFor(file)).toEqual({ enabled: false, hostnamePrefix: "", tags: [], source: "none" });
  });

  it("reports the environment as the source when it supplies the key", () => {
    const settings = settingsFor({ tailscale: { hostnamePrefix: "perry-", loginServer: "http://127.0.0.1:8080" } }, {
      PERRY_TAILSCALE_AUTH_KEY: FAKE_AUTH_KEY,
    });
    expect(settings).toEqual({
      enabled: true,
      authKey: FAKE_AUTH_KEY,
      hostnamePrefix: "perry-",
      loginServer: "http://127.0.0.1:8080",
      tags: [],
      source: "env",
    });
  });
});
