import { describe, expect, it } from "vitest";
import { addressKind, addressWithPort, normaliseAddress } from "./addresses.js";

describe("addressKind", () => {
  it.each([
    ["127.0.0.1", "loopback"],
    ["127.8.9.1", "loopback"],
    ["::1", "loopback"],
    ["::ffff:127.0.0.1", "loopback"],
    ["100.64.0.1", "tailnet"],
    ["100.127.255.254", "tailnet"],
    ["::ffff:100.101.102.103", "tailnet"],
    ["fd7a:115c:a1e0::1", "tailnet"],
    ["FD7A:115C:A1E0:ab12::3", "tailnet"],
    ["100.63.0.1", "other"],
    ["100.128.0.1", "other"],
    ["192.168.1.2", "other"],
    ["fd7a:115c:a1e1::1", "other"],
    ["0.0.0.0", "other"],
  ])("classifies %s as %s", (address, kind) => {
    expect(addressKind(address)).toBe(kind);
  });

  it("normalises brackets, zones and IPv4-mapped addresses, and formats ip:port for whois", () => {
    expect(normaliseAddress("[fe80::1%eth0]")).toBe("fe80::1");
    expect(normaliseAddress("::ffff:10.0.0.1")).toBe("10.0.0.1");
    expect(addressWithPort("::ffff:127.0.0.1", 5000)).toBe("127.0.0.1:5000");
    expect(addressWithPort("::1", 5000)).toBe("[::1]:5000");
  });
});
