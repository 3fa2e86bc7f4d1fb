// Cloning a repository into a running workspace as `workspace`, with git's progress and error text.
import { PassThrough } from "node:stream";
import type { CloneResult } from "@perry/api-client";
import { HOME_DIR, type WorkspaceDocker, containerName } from "@perry/docker";
import { execExitCode, streamEnded } from "../terminal/exec-exit.js";
import { displayUrl } from "./target.js";

// Runs as `workspace` with the token (if any) on stdin. The token never reaches argv or the environment:
// it goes into a 0600 file in a private temp dir that an askpass helper reads, and the dir is removed when
// git ends. `credential.helper=` keeps any configured helper from storing it; the URL in .git/config stays
// the one the user gave.
const CLONE_SCRIPT = `set -u
umask 077
url=$1 dir=$2
if [ "$3" = token ]; then
  helper=$(mktemp -d) || exit 1
  trap 'rm -rf "$helper"' EXIT
  trap 'exit 129' HUP INT TERM
  IFS= read -r token || true
  printf '%s' "$token" >"$helper/token"
  token=
  printf '#!/bin/sh\\ncase "$1" in Username*) echo x-access-token ;; *) cat "%s/token" ;; esac\\n' "$helper" >"$helper/askpass"
  chmod 0700 "$helper/askpass"
  export GIT_ASKPASS="$helper/askpass"
fi
GIT_TERMINAL_PROMPT=0 git -c credential.helper= clone --progress -- "$url" "$dir"
`;

// Lines of git's stderr that are progress, not messages.
const PROGRESS_LINE = /^(remote: )?(Enumerating|Counting|Compressing|Receiving|Resolving|Total|Updating files|Checking)/;
const PROGRESS_INTERVAL_MS = 250;

/** How to clone. */
export interface CloneOptions {
  url: string;
  /** Directory name under the home, from repoDirName(). */
  dir: string;
  /** GitHub token, only when tokenApplies() said so. */
  token?: string;
  /** git's progress lines, at most every 250 ms. */
  onProgress?: (line: string) => void;
  now?: () => number;
}

/** Clones into /home/workspace/<dir>; a failure is returned (with git's stderr), not thrown. */
export async function cloneIntoWorkspace(docker: WorkspaceDocker, name: string, options: CloneOptions): Promise<CloneResult> {
  const path = `${HOME_DIR}/${options.dir}`;
  const now = options.now ?? Date.now;
  const exec = await docker.docker.getContainer(containerName(name)).exec({
    Cmd: ["sh", "-c", CLONE_SCRIPT, "perry-clone", options.url, options.dir, options.token ? "token" : "none"],
    User: "workspace",
    WorkingDir: HOME_DIR,
    Env: [`HOME=${HOME_DIR}`],
    AttachStdin: options.token !== undefined,
    AttachStdout: true,
    AttachStderr: true,
    Tty: false,
  });
  const stream = await exec.start({ hijack: true, stdin: options.token !== undefined });
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  docker.docker.modem.demuxStream(stream, stdout, stderr);
  if (options.token !== undefined) stream.end(`${options.token}\n`);
  stdout.resume();

  let text = "";
  let lastProgress = 0;
  stderr.on("data", (chunk: Buffer) => {
    text += chunk.toString("utf8");
    const line = text.split(/[\r\n]/).filter((l) => l.trim() !== "").pop();
    if (line && options.onProgress && now() - lastProgress >= PROGRESS_INTERVAL_MS) {
      lastProgress = now();
      options.onProgress(redact(redact(line.trim(), options.token), parseUrlPassword(options.url)));
    }
  });
  await streamEnded(stream);
  const code = await execExitCode(exec);
  // Never echo credentials a user put into the URL itself.
  const url = displayUrl(options.url);
  const password = parseUrlPassword(options.url);
  if (code === 0) return { url, path, ok: true };
  return { url, path, ok: false, error: redact(redact(gitMessage(text) || `git exited with code ${code}`, options.token), password) };
}

/** git's messages from its stderr, without the progress meters. */
export function gitMessage(stderr: string): string {
  return stderr
    .split(/\r?\n|\r/)
    .map((line) => line.trim())
    .filter((line) => line !== "" && !PROGRESS_LINE.test(line))
    .slice(-10)
    .join("\n");
}

function redact(text: string, token: string | undefined): string {
  return token ? text.replaceAll(token, "***") : text;
}

function parseUrlPassword(url: string): string | undefined {
  try {
    const parsed = new URL(url);
    return decodeURIComponent(parsed.password || (parsed.username && !parsed.password ? parsed.username : "")) || undefined;
  } catch {
    return undefined;
  }
}
