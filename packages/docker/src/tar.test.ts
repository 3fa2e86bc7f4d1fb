import { execFileSync } from "node:child_process";
import { readFile, stat, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { tarFiles } from "./tar.js";
import { tempDirPerTest } from "./test-support/fixtures.js";

describe("tarFiles", () => {
  const tmp = tempDirPerTest("perry-tar-");

  // GNU tar is the independent reader that checks our headers and checksums.
  async function extract(archive: Buffer): Promise<string> {
    await writeFile(join(tmp.path, "a.tar"), archive);
    execFileSync("tar", ["-xf", "a.tar", "--no-same-owner", "-C", tmp.path], { cwd: tmp.path });
    return execFileSync("tar", ["-tvf", "a.tar", "--numeric-owner"], { cwd: tmp.path, encoding: "utf8" });
  }

  it("stores absolute paths relative to / with their content, mode and owner", async () => {
    const listing = await extract(
      tarFiles([
        { path: "/etc/perry/tailscale/authkey", content: "tskey-secret\n", mode: 0o600, uid: 0, gid: 0 },
        { path: "/home/workspace/note.txt", content: Buffer.from("hi"), mode: 0o644, uid: 1000, gid: 1000 },
      ]),
    );
    expect(await readFile(join(tmp.path, "etc/perry/tailscale/authkey"), "utf8")).toBe("tskey-secret\n");
    expect((await stat(join(tmp.path, "etc/perry/tailscale/authkey"))).mode & 0o777).toBe(0o600);
    expect(listing).toMatch(/-rw-r--r-- 1000\/1000\s+2 .* home\/workspace\/note.txt/);
  });

  it("keeps paths longer than 100 bytes by splitting them into prefix and name", async () => {
    const long = `/${"d".repeat(60)}/${"e".repeat(60)}/file.txt`;
    await extract(tarFiles([{ path: long, content: "x" }]));
    expect(await readFile(join(tmp.path, long), "utf8")).toBe("x");
  });

  it("handles empty files and content that fills whole blocks", async () => {
    await extract(
      tarFiles([
        { path: "/empty", content: "" },
        { path: "/block", content: "z".repeat(512) },
      ]),
    );
    expect(await readFile(join(tmp.path, "empty"), "utf8")).toBe("");
    expect((await readFile(join(tmp.path, "block"), "utf8")).length).toBe(512);
  });

  it.each(["/", "/etc/../root/x", ""])("rejects the path %j", (path) => {
    expect(() => tarFiles([{ path, content: "x" }])).toThrow(RangeError);
  });
});
