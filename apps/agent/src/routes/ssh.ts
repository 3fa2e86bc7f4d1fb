import { readFile, readdir } from "node:fs/promises";
import { homedir } from "node:os";
import { join } from "node:path";
import type { HostSshKey } from "@perry/api-client";
import { Hono } from "hono";

/** Public keys in `~/.ssh/*.pub` of the user running the agent, for the setup wizards to offer. */
export async function readHostSshKeys(home = homedir()): Promise<HostSshKey[]> {
  const dir = join(home, ".ssh");
  const files = (await readdir(dir).catch(() => [] as string[])).filter((f) => f.endsWith(".pub")).sort();
  const keys = await Promise.all(
    files.map(async (file) => {
      const text = (await readFile(join(dir, file), "utf8").catch(() => "")).trim();
      const [type = "", , ...comment] = text.split(/\s+/);
      return /^(ssh-|ecdsa-|sk-)/.test(type) ? { file: join("~/.ssh", file), type, comment: comment.join(" "), key: text } : undefined;
    }),
  );
  return keys.filter((k): k is HostSshKey => k !== undefined);
}

/** /api/ssh: the host's public keys. */
export function sshRoutes(home?: string) {
  return new Hono().get("/host-keys", async (c) => c.json({ keys: await readHostSshKeys(home) }, 200));
}
