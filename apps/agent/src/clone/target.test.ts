import { describe, expect, it } from "vitest";
import { cloneUrlProblem, displayUrl, repoDirName, tokenApplies } from "./target.js";

describe("repoDirName", () => {
  it.each([
    ["https://github.com/myuser/myapp", "myapp"],
    ["https://github.com/myuser/myapp.git", "myapp"],
    ["https://github.com/myuser/myapp/", "myapp"],
    ["git@github.com:myuser/my-app.git", "my-app"],
    ["ssh://git@host:2222/team/repo.js.git", "repo.js"],
    ["http://172.17.0.1:8080/private/demo.git?x=1", "demo"],
  ])("takes the directory of %s from its last path segment (%s)", (url, dir) => {
    expect(repoDirName(url)).toBe(dir);
  });

  it.each(["https://github.com/", "https://github.com/user/..", "https://github.com/user/.git", "-oops", "https://x/a b"])("refuses %s, which has no safe directory name", (url) => {
    expect(repoDirName(url)).toBeUndefined();
  });
});

describe("tokenApplies", () => {
  it.each([
    ["https://github.com/me/private", ["github.com"], true],
    ["https://GitHub.com/me/private.git", ["github.com"], true],
    ["http://github.com/me/private", ["github.com"], false],
    ["https://github.com.evil.example/me/x", ["github.com"], false],
    ["https://gitlab.com/me/x", ["github.com"], false],
    ["git@github.com:me/private.git", ["github.com"], false],
    ["https://user:pw@github.com/me/private", ["github.com"], false],
    ["https://ghe.corp.example/team/x", ["github.com", "ghe.corp.example"], true],
    ["http://172.17.0.1:8080/private/x.git", ["github.com", "http://172.17.0.1:8080"], true],
    ["http://172.17.0.1:9090/private/x.git", ["github.com", "http://172.17.0.1:8080"], false],
    ["not a url", ["github.com"], false],
  ] as const)("for %s with hosts %j says %s", (url, hosts, expected) => {
    expect(tokenApplies(url, hosts)).toBe(expected);
  });
});

describe("cloneUrlProblem", () => {
  it.each(["https://github.com/me/app.git", "ssh://git@example.com/me/app", "git@github.com:me/app.git", "git://example.com/app"])("accepts %s", (url) => {
    expect(cloneUrlProblem(url)).toBeUndefined();
  });

  it.each(["", "ext::sh -c touch% /tmp/x", "--upload-pack=touch /tmp/x", "file:///etc", "/home/workspace/x", "https://example.com/"])(
    "refuses %j with a reason",
    (url) => {
      expect(cloneUrlProblem(url)).toMatch(/./);
    },
  );
});

describe("displayUrl", () => {
  it.each([
    ["https://alice:s3cret@example.com/r.git", "https://alice:***@example.com/r.git"],
    ["https://ghp_token@github.com/me/r.git", "https://***@github.com/me/r.git"],
    ["https://github.com/me/r.git", "https://github.com/me/r.git"],
    ["git@github.com:me/r.git", "git@github.com:me/r.git"],
  ])("shows %s as %s", (url, shown) => {
    expect(displayUrl(url)).toBe(shown);
  });
});
