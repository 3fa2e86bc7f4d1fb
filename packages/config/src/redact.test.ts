import { describe, expect, it } from "vitest";
import { maskSecret, redactConfig } from "./redact.js";
import { FAKE_AUTH_KEY } from "./test-support/temp-dir.js";

const SSH_KEY = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIPUBLICPUBLICPUBLICPUBLICPUBLICPUBLICPUBLIC me@laptop";

describe("maskSecret", () => {
  it.each([
    { secret: "ghp_FAKEFAKEFAKEFAKE9876", masked: "…9876" },
    { secret: "short", masked: "…" },
    { secret: "", masked: "" },
    { secret: FAKE_AUTH_KEY, masked: "tskey-auth-…a1b2" },
  ])("masks $secret as $masked", ({ secret, masked }) => {
    expect(maskSecret(secret)).toBe(masked);
  });
});

describe("redactConfig", () => {
  const config = {
    tailscale: { authKey: FAKE_AUTH_KEY, hostnamePrefix: "perry-", tags: ["tag:perry-workspace"] },
    ssh: { authorizedKeys: [SSH_KEY] },
    github: { token: "ghp_FAKEFAKEFAKEFAKE9876" },
    agents: { anthropicApiKey: "sk-ant-FAKEFAKEFAKEFAKE1111", custom: { endpoint: "https://llm.example.test/FAKEPATHVALUE2222" } },
    future: { webhookSecret: "whsec_FAKEFAKEFAKEFAKE3333", apiKey: "FAKEFAKEFAKEFAKE4444", sessionTokens: ["FAKEFAKEFAKEFAKE5555"] },
  };

  it("masks every secret, including unknown keys named like secrets", () => {
    expect(redactConfig(config)).toEqual({
      tailscale: { authKey: "tskey-auth-…a1b2", hostnamePrefix: "perry-", tags: ["tag:perry-workspace"] },
      ssh: { authorizedKeys: [SSH_KEY] },
      github: { token: "…9876" },
      agents: { anthropicApiKey: "…1111", custom: { endpoint: "…2222" } },
      future: { webhookSecret: "…3333", apiKey: "…4444", sessionTokens: ["…5555"] },
    });
  });

  it("leaves no raw secret in the serialized result and does not touch the input", () => {
    const json = JSON.stringify(redactConfig(config));
    for (const raw of [FAKE_AUTH_KEY, "FAKEFAKEFAKEFAKE", "FAKEPATHVALUE"]) expect(json).not.toContain(raw);
    expect(config.tailscale.authKey).toBe(FAKE_AUTH_KEY);
  });
});
