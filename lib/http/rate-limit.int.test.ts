import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { clientIp, consumeRateLimit } from "./rate-limit";

const key = () => `test:${randomBytes(6).toString("hex")}`;
const HOUR = 3600;

describe("consumeRateLimit", () => {
  it("allows up to the limit in a window, then refuses until the window ends", async () => {
    const k = key();
    // Near the real clock: the occasional purge sweeps windows that ended a day ago.
    const start = new Date(Math.floor(Date.now() / 1000) * 1000);
    const at = (seconds: number) => new Date(start.getTime() + seconds * 1000);
    const options = { limit: 3, windowSeconds: 600 };

    for (let i = 0; i < 3; i++) {
      expect(await consumeRateLimit(k, { ...options, now: at(i) })).toEqual({ allowed: true, retryAfterSeconds: 0 });
    }
    expect(await consumeRateLimit(k, { ...options, now: at(10) })).toEqual({ allowed: false, retryAfterSeconds: 590 });
    expect(await consumeRateLimit(k, { ...options, now: at(599) })).toEqual({ allowed: false, retryAfterSeconds: 1 });
    // A fixed window: the count restarts when it ends, not when attempts stop.
    expect(await consumeRateLimit(k, { ...options, now: at(600) })).toEqual({ allowed: true, retryAfterSeconds: 0 });
    expect(await consumeRateLimit(k, { ...options, now: at(601) })).toMatchObject({ allowed: true });
    expect(await consumeRateLimit(k, { ...options, now: at(602) })).toMatchObject({ allowed: true });
    expect(await consumeRateLimit(k, { ...options, now: at(603) })).toEqual({ allowed: false, retryAfterSeconds: 597 });
  });

  // On the real clock, windows are an hour long: no run is slow enough for one to end mid-test.
  it("counts keys separately", async () => {
    const [a, b] = [key(), key()];
    expect((await consumeRateLimit(a, { limit: 1, windowSeconds: HOUR })).allowed).toBe(true);
    expect((await consumeRateLimit(a, { limit: 1, windowSeconds: HOUR })).allowed).toBe(false);
    expect((await consumeRateLimit(b, { limit: 1, windowSeconds: HOUR })).allowed).toBe(true);
  });

  it("loses no increment under concurrent attempts", async () => {
    const k = key();
    const results = await Promise.all(Array.from({ length: 25 }, () => consumeRateLimit(k, { limit: 10, windowSeconds: HOUR })));
    expect(results.filter((r) => r.allowed)).toHaveLength(10);
    for (const refused of results.filter((r) => !r.allowed)) {
      expect(refused.retryAfterSeconds).toBeGreaterThan(0);
      expect(refused.retryAfterSeconds).toBeLessThanOrEqual(HOUR);
    }
  });

  it("uses the database clock by default", async () => {
    const k = key();
    const started = Date.now();
    expect(await consumeRateLimit(k, { limit: 1, windowSeconds: HOUR })).toEqual({ allowed: true, retryAfterSeconds: 0 });
    const refused = await consumeRateLimit(k, { limit: 1, windowSeconds: HOUR });
    const elapsedSeconds = (Date.now() - started) / 1000;
    expect(refused.allowed).toBe(false);
    // The window began at the first call: what is left is the hour less the time that has passed
    // since (read on this process's clock, hence the second of slack), however long that was.
    expect(refused.retryAfterSeconds).toBeGreaterThanOrEqual(Math.floor(HOUR - elapsedSeconds) - 1);
    expect(refused.retryAfterSeconds).toBeLessThanOrEqual(HOUR);
  });

  it("refuses nonsense limits", async () => {
    await expect(consumeRateLimit(key(), { limit: 0, windowSeconds: 60 })).rejects.toThrow();
    await expect(consumeRateLimit(key(), { limit: 1, windowSeconds: 0.5 })).rejects.toThrow();
  });
});

describe("clientIp", () => {
  // This file installs no socket stamp (instrumentation.ts does, in the server), so no header here
  // can vouch for the socket: only what TRUSTED_PROXY_HOPS says to trust counts.
  const withHops = (hops: string | undefined, run: () => void) => {
    const saved = process.env.TRUSTED_PROXY_HOPS;
    if (hops === undefined) delete process.env.TRUSTED_PROXY_HOPS;
    else process.env.TRUSTED_PROXY_HOPS = hops;
    try {
      run();
    } finally {
      if (saved === undefined) delete process.env.TRUSTED_PROXY_HOPS;
      else process.env.TRUSTED_PROXY_HOPS = saved;
    }
  };

  it("by default trusts no header a client can send", () => {
    withHops(undefined, () => {
      expect(clientIp(new Headers({ "x-forwarded-for": "203.0.113.9" }))).toBe("unknown");
      expect(clientIp(new Headers({ "x-real-ip": "198.51.100.4" }))).toBe("unknown");
      expect(clientIp(new Headers({ "x-attune-socket-address": "198.51.100.4" }))).toBe("unknown");
    });
  });

  it("behind trusted proxies, takes the entry the outermost one wrote", () => {
    withHops("1", () => {
      expect(clientIp(new Headers({ "x-forwarded-for": "203.0.113.9, 192.0.2.4", "x-real-ip": "10.0.0.2" }))).toBe("192.0.2.4");
      expect(clientIp(new Headers({ "x-forwarded-for": "x".repeat(500) }))).toHaveLength(64);
    });
    withHops("2", () => expect(clientIp(new Headers({ "x-forwarded-for": "203.0.113.9, 192.0.2.4, 10.0.0.2" }))).toBe("192.0.2.4"));
  });

  it("refuses a TRUSTED_PROXY_HOPS that is not a number of proxies", () => {
    withHops("yes", () => expect(() => clientIp(new Headers())).toThrow(/TRUSTED_PROXY_HOPS/));
  });
});
