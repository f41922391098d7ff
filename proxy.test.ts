import net from "node:net";
import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDb } from "@/db/client";
import { generateToken } from "@/lib/core/tokens";
import { proxy } from "./proxy";

// The database is a port where nothing listens: every connection is refused at once, so the
// proxy's limit check fails as it does when PostgreSQL is down (no waiting on a timeout).
let savedUrl: string | undefined;

beforeAll(async () => {
  const port = await new Promise<number>((resolve, reject) => {
    const probe = net.createServer().listen(0, "127.0.0.1", () => {
      const { port: free } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(free));
    });
    probe.on("error", reject);
  });
  savedUrl = process.env.DATABASE_URL;
  process.env.DATABASE_URL = `postgres://postgres@127.0.0.1:${port}/nowhere`;
  await closeDb();
});

afterAll(async () => {
  await closeDb();
  process.env.DATABASE_URL = savedUrl;
});

const link = () => `http://127.0.0.1:3000/a/${generateToken().token}`;

async function expectCalmUnavailable(response: Response) {
  expect(response.status).toBe(503);
  expect(response.headers.get("retry-after")).toBe("30");
  expect(response.headers.get("content-type")).toContain("text/html");
  expect(response.headers.get("cache-control")).toBe("no-store");
  const body = await response.text();
  expect(body).toContain("This page is not available just now");
  expect(body).toContain("Any answers you have already given are saved.");
  expect(body).not.toMatch(/internal server error|ECONNREFUSED/i);
  // The page's own style carries the nonce its policy allows.
  const nonce = /'nonce-([^']+)'/.exec(response.headers.get("content-security-policy") ?? "")?.[1];
  expect(nonce).toBeTruthy();
  expect(body).toContain(`<style nonce="${nonce}">`);
}

describe("proxy with the database down", () => {
  it("answers opening a client link with a calm 503 and Retry-After", async () => {
    await expectCalmUnavailable(await proxy(new NextRequest(link())));
  });

  it("answers posting answers the same way", async () => {
    const body = new URLSearchParams({ ref: "x", q1: "3" }).toString();
    const request = new NextRequest(link(), {
      method: "POST",
      body,
      headers: { "content-type": "application/x-www-form-urlencoded", "content-length": String(body.length), origin: "http://127.0.0.1:3000" },
    });
    await expectCalmUnavailable(await proxy(request));
  });

  it("guards a client's results link the same way: its views are limited, its posts checked", async () => {
    const results = `http://127.0.0.1:3000/results/${generateToken().token}`;
    await expectCalmUnavailable(await proxy(new NextRequest(results)));
    const oversized = await proxy(
      new NextRequest(results, { method: "POST", body: "x", headers: { "content-type": "application/x-www-form-urlencoded", "content-length": String(100 * 1024) } }),
    );
    expect(oversized.status).toBe(413);
    expect(oversized.headers.get("cache-control")).toBe("no-store");
  });

  it("probe 10: answers a reminder's stop link (/r/) with the calm 503, not a bare 500, saying nothing of answers", async () => {
    const response = await proxy(new NextRequest(`http://127.0.0.1:3000/r/${generateToken().token}`));
    expect(response.status).toBe(503);
    expect(response.headers.get("retry-after")).toBe("30");
    const body = await response.text();
    expect(body).toContain("This page is not available just now");
    expect(body).not.toContain("answers");
  });

  it("lets pages that need no limit through, with their policy", async () => {
    for (const url of ["http://127.0.0.1:3000/a/not-a-real-link", "http://127.0.0.1:3000/results/invalid", "http://127.0.0.1:3000/r/invalid", "http://127.0.0.1:3000/sign-in"]) {
      const response = await proxy(new NextRequest(url));
      expect(response.headers.get("x-middleware-next")).toBe("1");
      expect(response.headers.get("content-security-policy")).toContain("'strict-dynamic'");
      // Next.js reads the nonce from the policy on the request it renders.
      expect(response.headers.get("x-middleware-request-content-security-policy")).toBe(response.headers.get("content-security-policy"));
    }
  });
});

describe("proxy body limits", () => {
  // Declared lengths only: the proxy refuses on the header, before a byte of the body is read.
  const post = (path: string, length: number) =>
    proxy(new NextRequest(`http://127.0.0.1:3000${path}`, { method: "POST", headers: { "content-length": String(length), "next-action": "x" } }));

  it("lets a client list of up to 6 MB through to the import page, and no further", async () => {
    expect((await post("/clients/import", 5.5 * 1024 * 1024)).headers.get("x-middleware-next")).toBe("1");
    const refused = await post("/clients/import", 50 * 1024 * 1024);
    expect(refused.status).toBe(413);
    expect(await refused.text()).toContain("A client list can be at most 5 MB");
  });

  it("keeps every other page at 1 MB", async () => {
    expect((await post("/clients/new", 2 * 1024 * 1024)).status).toBe(413);
    expect((await post("/clients/import/other", 2 * 1024 * 1024)).status).toBe(413);
  });
});
