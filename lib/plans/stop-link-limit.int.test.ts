import { randomBytes } from "node:crypto";
import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { generateToken } from "@/lib/core/tokens";
import { proxy } from "@/proxy";

// Issue 24, item 10: `/r/` (a reminder's stop link) had no per-IP limit. Through the proxy, as a
// request arrives: the 31st view from one address in ten minutes gets a calm 429 with Retry-After,
// and another address is not affected. (With the database down: proxy.test.ts.)

let savedHops: string | undefined;
beforeAll(async () => {
  await getDb();
  savedHops = process.env.TRUSTED_PROXY_HOPS;
  process.env.TRUSTED_PROXY_HOPS = "1";
});
afterAll(() => {
  process.env.TRUSTED_PROXY_HOPS = savedHops;
});

const view = (ip: string) =>
  proxy(new NextRequest(`http://127.0.0.1:3000/r/${generateToken().token}`, { headers: { "x-forwarded-for": ip } }));

describe("probe 10: the stop-reminders link is limited per IP", () => {
  it("lets 30 views through, answers the 31st with a calm 429, and counts each address on its own", async () => {
    const ip = `10.${randomBytes(1)[0]}.${randomBytes(1)[0]}.${randomBytes(1)[0]}`;
    for (let n = 0; n < 30; n++) expect((await view(ip)).headers.get("x-middleware-next"), `view ${n + 1}`).toBe("1");
    const refused = await view(ip);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(refused.headers.get("cache-control")).toBe("no-store");
    const body = await refused.text();
    expect(body).toContain("Too many attempts");
    // A page without answers does not talk about them.
    expect(body).not.toContain("answers");
    expect((await view("192.0.2.77")).headers.get("x-middleware-next")).toBe("1");
  });
});
