import { describe, expect, it } from "vitest";
import { requestLines } from "./counting-proxy.js";

describe("requestLines", () => {
  it("finds every request line of a keep-alive connection's data", () => {
    const data = "GET /containers/json?all=1 HTTP/1.1\r\nHost: x\r\n\r\nPOST /containers/a/start HTTP/1.1\r\nContent-Length: 0\r\n\r\n";
    expect(requestLines("", data)).toEqual(["GET /containers/json?all=1", "POST /containers/a/start"]);
  });

  it("finds a request line that follows a body without a line break (keep-alive)", () => {
    const data = 'POST /volumes/create HTTP/1.1\r\nContent-Length: 2\r\n\r\n{}POST /containers/create HTTP/1.1\r\n\r\n';
    expect(requestLines("", data)).toEqual(["POST /volumes/create", "POST /containers/create"]);
  });

  it("counts a request line split across two reads once", () => {
    const first = "GET /_ping HTTP/1.1\r\n\r\nGET /containers/js";
    expect(requestLines("", first)).toEqual(["GET /_ping"]);
    expect(requestLines(first, "on HTTP/1.1\r\nHost: x\r\n\r\n")).toEqual(["GET /containers/json"]);
  });

  it("decodes the query so filters can be read", () => {
    expect(requestLines("", "GET /containers/json?filters=%7B%22label%22%3A%5B%5D%7D HTTP/1.1\r\n")).toEqual(['GET /containers/json?filters={"label":[]}']);
  });
});
