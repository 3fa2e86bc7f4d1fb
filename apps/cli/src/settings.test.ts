import { mkdtemp, rm, stat, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { CliError } from "./errors.js";
import { cliSettingsPath, loadCliSettings, saveCliSettings } from "./settings.js";

describe("CLI settings file", () => {
  let root: string;
  let dir: string;

  beforeEach(async () => {
    root = await mkdtemp(path.join(os.tmpdir(), "perry-cli-settings-"));
    dir = path.join(root, "perry");
  });
  afterEach(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it("reads as empty settings when the file does not exist", async () => {
    expect(await loadCliSettings(dir)).toEqual({});
  });

  it("round-trips what was saved, in a 0600 file inside a 0700 directory", async () => {
    const file = await saveCliSettings(dir, { agentUrl: "http://my-box:7391", token: "secret-token" });
    expect(file).toBe(cliSettingsPath(dir));
    expect(await loadCliSettings(dir)).toEqual({ agentUrl: "http://my-box:7391", token: "secret-token" });
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect((await stat(dir)).mode & 0o777).toBe(0o700);
  });

  it("replaces the previous settings entirely", async () => {
    await saveCliSettings(dir, { agentUrl: "http://a:7391", token: "t" });
    await saveCliSettings(dir, { agentUrl: "http://b:7391" });
    expect(await loadCliSettings(dir)).toEqual({ agentUrl: "http://b:7391" });
  });

  it("names the file and suggests a fix when it is not valid JSON", async () => {
    await saveCliSettings(dir, {});
    await writeFile(cliSettingsPath(dir), "{ nope");
    const error = await loadCliSettings(dir).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CliError);
    expect(error).toMatchObject({ code: "SETTINGS_INVALID", message: expect.stringContaining(cliSettingsPath(dir)) });
  });

  it("refuses an agent URL that is not a URL", async () => {
    await saveCliSettings(dir, {});
    await writeFile(cliSettingsPath(dir), JSON.stringify({ agentUrl: "not a url" }));
    await expect(loadCliSettings(dir)).rejects.toMatchObject({ code: "SETTINGS_INVALID" });
  });
});
