// A local git server for clone tests: `git http-backend` behind node's http server on the Docker bridge
// gateway, so workspace containers reach it without the internet. Repositories under /private/ need
// HTTP basic auth with the given token as the password (as github.com does for private repositories).
import { spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { type IncomingMessage, type Server, type ServerResponse, createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { execa } from "execa";

/** A running test git server. */
export interface GitServer {
  /** e.g. http://172.17.0.1:41234 */
  url: string;
  /** Every Authorization header the server saw, to check what git sent. */
  authorizations: string[];
  close(): Promise<void>;
}

/** The Docker bridge gateway: the host as containers on the default network see it. */
export async function dockerGateway(): Promise<string> {
  const { stdout } = await execa("docker", ["network", "inspect", "bridge", "--format", "{{(index .IPAM.Config 0).Gateway}}"]);
  return stdout.trim() || "172.17.0.1";
}

/** Serves bare repositories `public/<name>.git` and `private/<name>.git`, each with one commit of README.md. */
export async function startGitServer(options: { token: string; repos: string[]; host?: string }): Promise<GitServer> {
  const root = await mkdtemp(join(tmpdir(), "perry-git-server-"));
  const work = join(root, "work");
  await execa("git", ["init", "-q", "-b", "main", work]);
  await execa("sh", ["-c", 'echo "# test repository" > README.md && git add README.md && git -c user.name=test -c user.email=test@example.invalid commit -q -m "first commit"'], { cwd: work });
  for (const area of ["public", "private"]) {
    for (const repo of options.repos) {
      await execa("git", ["clone", "-q", "--bare", work, join(root, area, `${repo}.git`)]);
      await execa("git", ["-C", join(root, area, `${repo}.git`), "config", "http.receivepack", "false"]);
    }
  }
  const authorizations: string[] = [];
  const expected = `Basic ${Buffer.from(`x-access-token:${options.token}`).toString("base64")}`;
  const server = createServer((request, response) => {
    const auth = request.headers.authorization;
    if (auth) authorizations.push(auth);
    if ((request.url ?? "").startsWith("/private/") && auth !== expected) {
      response.writeHead(401, { "www-authenticate": 'Basic realm="test"' }).end("authentication required\n");
      return;
    }
    backend(root, request, response);
  });
  const host = options.host ?? (await dockerGateway());
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, host, resolve);
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${host}:${port}`,
    authorizations,
    async close() {
      await closeServer(server);
      await rm(root, { recursive: true, force: true });
    },
  };
}

// CGI: request → git http-backend → response (headers until the blank line, then the body).
function backend(root: string, request: IncomingMessage, response: ServerResponse): void {
  const url = new URL(request.url ?? "/", "http://localhost");
  const child = spawn("git", ["http-backend"], {
    env: {
      PATH: process.env.PATH ?? "/usr/bin:/bin",
      GIT_PROJECT_ROOT: root,
      GIT_HTTP_EXPORT_ALL: "1",
      REQUEST_METHOD: request.method ?? "GET",
      PATH_INFO: decodeURIComponent(url.pathname),
      QUERY_STRING: url.search.slice(1),
      CONTENT_TYPE: request.headers["content-type"] ?? "",
      REMOTE_ADDR: request.socket.remoteAddress ?? "",
      ...(request.headers["content-length"] ? { CONTENT_LENGTH: String(request.headers["content-length"]) } : {}),
      ...(request.headers["content-encoding"] ? { HTTP_CONTENT_ENCODING: String(request.headers["content-encoding"]) } : {}),
      ...(request.headers["git-protocol"] ? { GIT_PROTOCOL: String(request.headers["git-protocol"]) } : {}),
    },
  });
  request.pipe(child.stdin);
  let head = Buffer.alloc(0);
  let headersDone = false;
  child.stdout.on("data", (chunk: Buffer) => {
    if (headersDone) {
      response.write(chunk);
      return;
    }
    head = Buffer.concat([head, chunk]);
    const end = head.indexOf("\r\n\r\n");
    if (end === -1) return;
    headersDone = true;
    let status = 200;
    for (const line of head.subarray(0, end).toString("latin1").split("\r\n")) {
      const colon = line.indexOf(":");
      const key = line.slice(0, colon).trim();
      const value = line.slice(colon + 1).trim();
      if (key.toLowerCase() === "status") status = Number.parseInt(value, 10);
      else response.setHeader(key, value);
    }
    response.writeHead(status);
    response.write(head.subarray(end + 4));
  });
  child.stdout.on("end", () => response.end());
  child.on("error", () => response.writeHead(500).end());
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}
