import { describe, expect, it } from "vitest";
import { ipBucket } from "./ip-bucket";

describe("ipBucket (probe 9: the per-IP key was the full address)", () => {
  it("counts IPv6 by its /64, so rotating inside one network is one source", () => {
    expect(ipBucket("2001:db8:1:2:aaaa:bbbb:cccc:dddd")).toBe("2001:db8:1:2::/64");
    expect(ipBucket("2001:db8:1:2::1")).toBe("2001:db8:1:2::/64");
    expect(ipBucket("2001:0db8:0001:0002:ffff::")).toBe("2001:db8:1:2::/64");
    expect(ipBucket("2001:db8:1:3::1")).not.toBe(ipBucket("2001:db8:1:2::1"));
  });

  it("keeps IPv4 (also IPv4-mapped) and anything unreadable as given", () => {
    expect(ipBucket("203.0.113.7")).toBe("203.0.113.7");
    expect(ipBucket("::ffff:203.0.113.7")).toBe("203.0.113.7");
    expect(ipBucket("unknown")).toBe("unknown");
    expect(ipBucket("1:2:3")).toBe("1:2:3");
  });
});
