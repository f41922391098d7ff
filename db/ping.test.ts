import net from "node:net";
import { afterAll, describe, expect, it } from "vitest";
import { closeDb, pingDb } from "./client";

// /api/health must answer 503 promptly when PostgreSQL is down or hangs, not hang with it.
describe("pingDb against a database that does not answer", () => {
  const silent = net.createServer(() => {
    // Accepts connections and never says a word, like a PostgreSQL host that has stalled.
  });
  const original = process.env.DATABASE_URL;

  afterAll(async () => {
    await closeDb().catch(() => {});
    process.env.DATABASE_URL = original;
    silent.close();
  });

  it("rejects within its timeout when the server accepts but never answers", async () => {
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
    const port = (silent.address() as net.AddressInfo).port;
    await closeDb();
    process.env.DATABASE_URL = `postgres://postgres@127.0.0.1:${port}/attune`;
    const started = Date.now();
    await expect(pingDb(1000)).rejects.toThrow();
    expect(Date.now() - started).toBeLessThan(3000);
  });

  it("rejects when nothing listens, and recovers once the database answers (the failure is not cached)", async () => {
    await closeDb().catch(() => {});
    process.env.DATABASE_URL = "postgres://postgres@127.0.0.1:1/attune";
    await expect(pingDb(1000)).rejects.toThrow();
    // The database "comes back": here, the in-memory one this test project uses.
    process.env.DATABASE_URL = "";
    await expect(pingDb(5000)).resolves.toBeUndefined();
  });
});
