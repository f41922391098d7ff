import { describe, expect, it } from "vitest";
import { clientIpFrom, normalizeAddress } from "./client-ip";

describe("clientIpFrom", () => {
  it("with no trusted proxy, takes the socket's address and ignores X-Forwarded-For entirely", () => {
    expect(clientIpFrom({ socketAddress: "198.51.100.7", forwardedFor: "203.0.113.1", trustedHops: 0 })).toBe("198.51.100.7");
    expect(clientIpFrom({ socketAddress: "198.51.100.7", forwardedFor: null, trustedHops: 0 })).toBe("198.51.100.7");
    // Without a socket address nothing can be trusted: the forwarded value is not a fallback.
    expect(clientIpFrom({ socketAddress: null, forwardedFor: "203.0.113.1", trustedHops: 0 })).toBeNull();
  });

  it("with N trusted proxies, takes the Nth entry from the right; what the client wrote to its left does not count", () => {
    // client 192.0.2.4 sent "203.0.113.1" itself; our one proxy appended what it saw.
    expect(clientIpFrom({ socketAddress: "10.0.0.2", forwardedFor: "203.0.113.1, 192.0.2.4", trustedHops: 1 })).toBe("192.0.2.4");
    // Two proxies: the outer one appended the client, the inner one appended the outer one.
    expect(clientIpFrom({ socketAddress: "10.0.0.3", forwardedFor: "203.0.113.1, 192.0.2.4, 10.0.0.2", trustedHops: 2 })).toBe("192.0.2.4");
    expect(clientIpFrom({ socketAddress: "10.0.0.3", forwardedFor: "192.0.2.4,10.0.0.2", trustedHops: 2 })).toBe("192.0.2.4");
  });

  it("takes the leftmost entry when the request passed fewer proxies than trusted, the socket when none", () => {
    expect(clientIpFrom({ socketAddress: "10.0.0.3", forwardedFor: "192.0.2.4", trustedHops: 2 })).toBe("192.0.2.4");
    expect(clientIpFrom({ socketAddress: "10.0.0.3", forwardedFor: null, trustedHops: 1 })).toBe("10.0.0.3");
    expect(clientIpFrom({ socketAddress: "10.0.0.3", forwardedFor: " , ", trustedHops: 1 })).toBe("10.0.0.3");
    expect(clientIpFrom({ socketAddress: undefined, forwardedFor: "", trustedHops: 1 })).toBeNull();
  });

  it("writes one client one way, so a port or an IPv4-mapped form is not a fresh allowance", () => {
    expect(clientIpFrom({ socketAddress: "::ffff:198.51.100.7", forwardedFor: null, trustedHops: 0 })).toBe("198.51.100.7");
    expect(clientIpFrom({ socketAddress: "10.0.0.2", forwardedFor: "192.0.2.4:51234", trustedHops: 1 })).toBe("192.0.2.4");
    expect(clientIpFrom({ socketAddress: "10.0.0.2", forwardedFor: "[2001:db8::1]:443", trustedHops: 1 })).toBe("2001:db8::1");
    expect(clientIpFrom({ socketAddress: "10.0.0.2", forwardedFor: "2001:db8::1", trustedHops: 1 })).toBe("2001:db8::1");
  });
});

describe("normalizeAddress", () => {
  it("caps the length of a bucket key", () => {
    expect(normalizeAddress("x".repeat(500))).toHaveLength(64);
    expect(normalizeAddress("  ::1 ")).toBe("::1");
  });
});
