// Pure decisions about a `--clone` URL: where it lands and whether the GitHub token goes with it.

/** Where the GitHub token is sent by default; PERRY_GITHUB_HOST adds one (GitHub Enterprise, or a test server). */
export const DEFAULT_GITHUB_HOST = "github.com";

/**
 * The directory name git would choose for `url` (last path segment without `.git`), or undefined
 * when there is none that is safe to use in the workspace's home.
 *
 * @example repoDirName("https://github.com/myuser/myapp.git") // "myapp"
 */
export function repoDirName(url: string): string | undefined {
  const text = url.trim();
  // scheme://host/path, or scp-like host:path; only the path names the repository.
  const path = /^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? (parseAny(text)?.pathname ?? "") : text.replace(/^[^/:]*:/, "");
  const last = path.replace(/\/+$/, "").split("/").pop() ?? "";
  const name = last.replace(/\.git$/, "");
  return /^[A-Za-z0-9_][A-Za-z0-9._-]{0,254}$/.test(name) && name !== "." && name !== ".." ? name : undefined;
}

/**
 * Whether the configured GitHub token is used for `url`: only when the URL's origin is one of `hosts`
 * (a bare host means https://host; a full origin such as http://10.0.0.5:8080 is matched exactly), and
 * never when the URL carries credentials of its own.
 *
 * @example tokenApplies("https://github.com/me/private.git") // true
 */
export function tokenApplies(url: string, hosts: readonly string[] = [DEFAULT_GITHUB_HOST]): boolean {
  const target = parseUrl(url);
  if (!target || target.username !== "" || target.password !== "") return false;
  return hosts.some((host) => parseUrl(/^[a-z]+:\/\//i.test(host) ? host : `https://${host}`)?.origin === target.origin);
}

function parseAny(text: string): URL | undefined {
  try {
    return new URL(text);
  } catch {
    return undefined;
  }
}

function parseUrl(text: string): URL | undefined {
  const url = parseAny(text);
  return url?.protocol === "https:" || url?.protocol === "http:" ? url : undefined;
}

// Transports git may use for a clone from the API. `ext::` runs commands and `file://`/local paths read the
// workspace's own disk; neither is a repository someone would hand the agent.
const REMOTE_URL = /^(https?|ssh|git):\/\/[^\s]+$/i;
const SCP_LIKE = /^[A-Za-z0-9._-]+@[A-Za-z0-9.-]+:[^\s]+$/;

/** Why `url` is not a clone source Perry accepts, or undefined when it is fine. */
export function cloneUrlProblem(url: string): string | undefined {
  const text = url.trim();
  if (text === "") return "the clone URL is empty";
  if (!REMOTE_URL.test(text) && !SCP_LIKE.test(text)) return `"${displayUrl(text)}" is not a git URL (https://, ssh://, git:// or user@host:path)`;
  if (repoDirName(text) === undefined) return `cannot tell the repository's name from "${displayUrl(text)}"`;
  return undefined;
}

/**
 * `url` without the password (or token) a user may have put into it, for logs, progress and API answers.
 *
 * @example displayUrl("https://alice:s3cret@example.com/r.git") // "https://alice:***@example.com/r.git"
 */
export function displayUrl(url: string): string {
  const parsed = parseAny(url);
  if (!parsed || (parsed.username === "" && parsed.password === "")) return url;
  const user = parsed.password === "" ? "***" : `${decodeURIComponent(parsed.username)}:***`;
  return url.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^@/]*@/i, `$1${user}@`);
}
