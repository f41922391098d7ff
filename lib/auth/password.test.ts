import { describe, expect, it } from "vitest";
import { createConcurrencyLimit, hashPassword, PASSWORD_HASH_CONCURRENCY, passwordHashingLoad, verifyPassword } from "./password";

describe("password hashing", () => {
  it("hashes with argon2id and verifies only the right password", async () => {
    const hash = await hashPassword("correct horse battery");
    expect(hash).toMatch(/^\$argon2id\$/);
    expect(await verifyPassword(hash, "correct horse battery")).toBe(true);
    expect(await verifyPassword(hash, "wrong horse battery")).toBe(false);
    expect(await verifyPassword(null, "correct horse battery")).toBe(false);
  });

  it(`runs at most ${PASSWORD_HASH_CONCURRENCY} verifications at once; the rest wait their turn`, async () => {
    const hash = await hashPassword("correct horse battery");
    const attempts = Array.from({ length: 6 }, (_, i) => verifyPassword(hash, i === 0 ? "correct horse battery" : `guess ${i}`));
    expect(passwordHashingLoad()).toEqual({ active: PASSWORD_HASH_CONCURRENCY, waiting: 6 - PASSWORD_HASH_CONCURRENCY });
    expect(await Promise.all(attempts)).toEqual([true, false, false, false, false, false]);
    expect(passwordHashingLoad()).toEqual({ active: 0, waiting: 0 });
  });
});

describe("createConcurrencyLimit", () => {
  it("never runs more than its limit, starts waiting tasks in order, and survives failures", async () => {
    const limit = createConcurrencyLimit(2);
    let running = 0;
    let peak = 0;
    const started: number[] = [];
    const task = (n: number) => async () => {
      started.push(n);
      running++;
      peak = Math.max(peak, running);
      await new Promise((resolve) => setTimeout(resolve, 5));
      running--;
      if (n === 2) throw new Error("task 2 failed");
      return n;
    };
    const results = await Promise.allSettled([1, 2, 3, 4, 5].map((n) => limit.run(task(n))));
    expect(peak).toBe(2);
    expect(started).toEqual([1, 2, 3, 4, 5]);
    expect(results.map((r) => r.status)).toEqual(["fulfilled", "rejected", "fulfilled", "fulfilled", "fulfilled"]);
    expect(limit.active).toBe(0);
    expect(limit.waiting).toBe(0);
  });
});
