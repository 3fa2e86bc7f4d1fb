import { describe, expect, it } from "vitest";
import { configView } from "../test-support/fake-api.js";
import { buildUpdate, draftFrom, validateDraft } from "./config-form.js";

describe("buildUpdate", () => {
  it("sends nothing when nothing changed", () => {
    const view = configView();
    expect(buildUpdate(view, draftFrom(view), ["agents", "github", "networking"])).toEqual({});
  });

  it("sends a typed secret, trimmed, with the Tailscale toggle", () => {
    const view = configView();
    const draft = draftFrom(view);
    draft.secrets["tailscale.authKey"] = " tskey-auth-abc ";
    draft.tailscaleEnabled = true;
    draft.hostnamePrefix = "perry-";
    expect(buildUpdate(view, draft, ["networking"])).toEqual({ tailscale: { authKey: "tskey-auth-abc", enabled: true, hostnamePrefix: "perry-" } });
  });

  it("sends null for a cleared secret", () => {
    const view = configView({ tailscale: { authKey: "tskey-auth-…a1b2", authKeySource: "file", enabled: true } });
    const draft = draftFrom(view);
    draft.cleared["tailscale.authKey"] = true;
    draft.tailscaleEnabled = false;
    expect(buildUpdate(view, draft, ["networking"])).toEqual({ tailscale: { authKey: null, enabled: false } });
  });

  it("leaves out sections that were not chosen", () => {
    const view = configView();
    const draft = draftFrom(view);
    draft.secrets["github.token"] = "ghp_x";
    expect(buildUpdate(view, draft, ["agents"])).toEqual({});
    expect(buildUpdate(view, draft, ["github"])).toEqual({ github: { token: "ghp_x" } });
  });
});

describe("validateDraft", () => {
  it("asks for a key when Tailscale is switched on without one", () => {
    const view = configView();
    const draft = { ...draftFrom(view), tailscaleEnabled: true };
    expect(validateDraft(view, draft, ["networking"])).toHaveProperty(["tailscale.authKey"]);
  });

  it("accepts the toggle when a key is already configured", () => {
    const view = configView({ tailscale: { authKey: "tskey-auth-…a1b2", authKeySource: "file", enabled: true } });
    expect(validateDraft(view, draftFrom(view), ["networking"])).toEqual({});
  });
});
