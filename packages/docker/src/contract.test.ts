import { describe, expect, it } from "vitest";
import {
  containerName,
  containerSpec,
  DEFAULT_IMAGE,
  LABEL_MANAGED,
  LABEL_TAILSCALE,
  LABEL_WORKSPACE,
  SETTINGS_FILES,
  settingsFiles,
  volumeNames,
} from "./contract.js";

describe("workspace contract", () => {
  it("names the container and volumes after the workspace", () => {
    expect(containerName("myproject")).toBe("workspace-myproject");
    expect(volumeNames("myproject")).toEqual({
      home: "workspace-myproject-home",
      tailscale: "workspace-myproject-tailscale",
    });
  });

  it("labels the container, mounts both volumes and restarts unless stopped", () => {
    const spec = containerSpec({ name: "demo", tailscale: false, labels: { extra: "1" }, env: { A: "b" } });
    expect(spec).toMatchObject({
      name: "workspace-demo",
      Image: DEFAULT_IMAGE,
      Hostname: "demo",
      Env: ["A=b"],
      Labels: { extra: "1", [LABEL_MANAGED]: "true", [LABEL_WORKSPACE]: "demo", [LABEL_TAILSCALE]: "false" },
      HostConfig: {
        RestartPolicy: { Name: "unless-stopped" },
        Mounts: [
          { Type: "volume", Source: "workspace-demo-home", Target: "/home/workspace" },
          { Type: "volume", Source: "workspace-demo-tailscale", Target: "/var/lib/tailscale" },
        ],
      },
    });
  });

  it("does not let caller labels override the contract labels", () => {
    const spec = containerSpec({ name: "demo", tailscale: false, labels: { [LABEL_WORKSPACE]: "other" } });
    expect(spec.Labels?.[LABEL_WORKSPACE]).toBe("demo");
  });

  it.each([
    { tailscale: true, capAdd: ["NET_ADMIN"], devices: ["/dev/net/tun"] },
    { tailscale: false, capAdd: undefined, devices: undefined },
  ])("grants NET_ADMIN and /dev/net/tun only when tailscale is $tailscale, never Privileged", (row) => {
    const host = containerSpec({ name: "demo", tailscale: row.tailscale }).HostConfig ?? {};
    expect(host.CapAdd).toEqual(row.capAdd);
    expect(host.Devices?.map((d: { PathOnHost?: string }) => d.PathOnHost)).toEqual(row.devices);
    expect(host.Privileged).toBeUndefined();
  });
});

describe("settingsFiles", () => {
  it("writes every tailscale setting, the auth key root-only", () => {
    const files = settingsFiles({
      tailscale: { hostname: "perry-demo", loginServer: "http://ctl", tags: ["tag:a", "tag:b"], authKey: "tskey-x" },
      authorizedKeys: "ssh-ed25519 AAAA me\n",
    });
    const byPath = Object.fromEntries(files.map((f) => [f.path, f]));
    expect(byPath[SETTINGS_FILES.tailscaleEnabled]?.content).toBe("true\n");
    expect(byPath[SETTINGS_FILES.tailscaleHostname]?.content).toBe("perry-demo\n");
    expect(byPath[SETTINGS_FILES.tailscaleLoginServer]?.content).toBe("http://ctl\n");
    expect(byPath[SETTINGS_FILES.tailscaleTags]?.content).toBe("tag:a,tag:b\n");
    expect(byPath[SETTINGS_FILES.tailscaleAuthKey]).toMatchObject({ content: "tskey-x\n", mode: 0o600 });
    expect(byPath[SETTINGS_FILES.authorizedKeys]?.content).toBe("ssh-ed25519 AAAA me\n");
  });

  it("clears every tailscale setting with empty files when tailscale is off", () => {
    const files = settingsFiles({});
    expect(files.map((f) => f.path)).not.toContain(SETTINGS_FILES.authorizedKeys);
    expect(files.every((f) => f.content === "")).toBe(true);
    // Every tailscale file, so that nothing from an earlier start survives.
    expect(files.map((f) => f.path).sort()).toEqual(Object.entries(SETTINGS_FILES).filter(([key]) => key.startsWith("tailscale")).map(([, path]) => path).sort());
  });
});
