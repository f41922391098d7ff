import { describe, expect, it } from "vitest";
import { approximateAddress, describeUserAgent } from "./account";

describe("recent sign-ins: what a person can recognise, not a fingerprint", () => {
  it("names the browser and the system", () => {
    expect(describeUserAgent("Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15")).toBe("Safari on macOS");
    expect(describeUserAgent("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/140.0 Safari/537.36 Edg/140.0")).toBe("Edge on Windows");
    expect(describeUserAgent("Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) AppleWebKit/605.1.15 Version/18.0 Mobile/15E148 Safari/604.1")).toBe("Safari on iOS");
    expect(describeUserAgent(null)).toBe("Unknown browser");
  });

  it("keeps only the network of the address", () => {
    expect(approximateAddress("203.0.113.77")).toBe("203.0.113.x");
    expect(approximateAddress("::ffff:198.51.100.9")).toBe("198.51.100.x");
    expect(approximateAddress("2001:db8:abcd:12::1")).toBe("2001:db8:abcd::/48");
    expect(approximateAddress("2001:db8::7")).toBe("2001:db8:0::/48");
    expect(approximateAddress("::1")).toBe("This computer");
    expect(approximateAddress(null)).toBe("Unknown network");
  });
});
