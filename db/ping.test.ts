import net from "node:net";
import { afterAll, describe, expect, it } from "vitest";
import { closeDb, getDb, pingDb } from "./client";

// /api/health must answer 503 promptly when PostgreSQL is down or hangs, not hang with it.
// Nothing here measures time: on a busy machine any duration can stretch. Each wait ends in a way
// that tells which event ended it (pingDb's own timer, or the refused connection).
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

  it("rejects with its own timeout error when the server accepts but never answers", async () => {
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
    const port = (silent.address() as net.AddressInfo).port;
    await closeDb();
    process.env.DATABASE_URL = `postgres://postgres@127.0.0.1:${port}/attune`;
    // Only pingDb's timer makes this error; left to the pool, the wait would end later, with
    // node-postgres's own connection timeout error. So the ping gave up after its timeout, not later.
    await expect(pingDb(1000)).rejects.toThrow("database did not answer within 1000 ms");
  });

  it("rejects when nothing listens, and recovers once the database answers (the failure is not cached)", async () => {
    // Waits for the previous test's connection attempt to give up, so it cannot settle later.
    await closeDb().catch(() => {});
    process.env.DATABASE_URL = "postgres://postgres@127.0.0.1:1/attune";
    // A timeout far beyond any refusal: the refused connection, not the timer, must end the wait.
    await expect(pingDb(60_000)).rejects.toThrow(/ECONNREFUSED/);
    // The database "comes back": here, the in-memory one this test project uses. Opening it takes
    // seconds on a busy machine, so it is opened before the ping, untimed; a cached failure would
    // make this reject.
    process.env.DATABASE_URL = "";
    await expect(getDb()).resolves.toBeDefined();
    await expect(pingDb(60_000)).resolves.toBeUndefined();
  });
});
