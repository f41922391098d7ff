import net from "node:net";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDb, getDb, pingDb } from "./client";

/*
 * Drizzle's pooled transactions on node-postgres never release their client when BEGIN itself
 * fails, so each connection that dies just as a transaction starts used to be lost to the pool for
 * good; after ten, every request waited for a connection and failed. db/client.ts wraps
 * transactions so the client is always released (and discarded). To make BEGIN fail on demand,
 * the app talks to PostgreSQL through a small TCP relay that cuts a connection when it sees one.
 */

const onPostgres = Boolean(process.env.DATABASE_URL);

/** Relays to `target`, but cuts the connection (both ways) on the next `cuts` BEGIN statements. */
function startCuttingRelay(target: URL) {
  const state = { cuts: 0, port: 0 };
  const sockets = new Set<net.Socket>();
  const relay = net.createServer((app) => {
    const upstream = net.connect(Number(target.port || 5432), target.hostname);
    sockets.add(app).add(upstream);
    const cut = () => {
      app.destroy();
      upstream.destroy();
    };
    app.on("data", (chunk: Buffer) => {
      // A simple-protocol query: 'Q', a 4-byte length, then the text. Drizzle sends "begin" so.
      if (state.cuts > 0 && chunk[0] === 0x51 && /^begin\b/i.test(chunk.toString("utf8", 5, 32))) {
        state.cuts--;
        cut();
        return;
      }
      upstream.write(chunk);
    });
    upstream.on("data", (chunk: Buffer) => app.write(chunk));
    for (const socket of [app, upstream]) {
      socket.on("error", cut);
      socket.on("close", () => {
        cut();
        sockets.delete(socket);
      });
    }
  });
  return {
    state,
    listen: () => new Promise<number>((resolve) => relay.listen(0, "127.0.0.1", () => resolve((relay.address() as net.AddressInfo).port))),
    close: () => {
      for (const socket of sockets) socket.destroy();
      return new Promise<void>((resolve) => relay.close(() => resolve()));
    },
  };
}

describe.skipIf(!onPostgres)("transactions when connections die as they begin (skipped on PGlite: no connections to lose)", () => {
  const original = process.env.DATABASE_URL;
  let relay: ReturnType<typeof startCuttingRelay>;

  beforeAll(async () => {
    relay = startCuttingRelay(new URL(original!));
    const port = await relay.listen();
    const url = new URL(original!);
    url.host = `127.0.0.1:${port}`;
    await closeDb();
    process.env.DATABASE_URL = url.toString();
  });

  afterAll(async () => {
    await closeDb().catch(() => {});
    process.env.DATABASE_URL = original;
    await relay.close();
  });

  it("keeps working after more failed BEGINs than the pool has connections", async () => {
    const db = await getDb();
    await db.transaction((tx) => tx.execute(sql`select 1`));

    const poolSize = Number(process.env.DATABASE_POOL_MAX ?? 10);
    relay.state.cuts = poolSize + 2;
    for (let i = 0; i < poolSize + 2; i++) {
      await expect(db.transaction((tx) => tx.execute(sql`select 1`))).rejects.toThrow();
    }
    expect(relay.state.cuts).toBe(0);

    // Every one of those clients went back (and was thrown away): the pool is not empty for good.
    const result = await db.transaction(async (tx) => {
      const rows = (await tx.execute(sql`select 41 + 1 as answer`)) as unknown as { rows: { answer: number }[] };
      return rows.rows[0]!.answer;
    });
    expect(result).toBe(42);
    await expect(pingDb(20_000)).resolves.toBeUndefined();
    await Promise.all(Array.from({ length: poolSize }, () => db.transaction((tx) => tx.execute(sql`select pg_sleep(0.01)`))));
  });

  it("rolls back and stays usable when the work inside fails", async () => {
    const db = await getDb();
    for (let i = 0; i < 12; i++) {
      await expect(
        db.transaction(async (tx) => {
          await tx.execute(sql`select 1`);
          throw new Error("the work failed");
        }),
      ).rejects.toThrow("the work failed");
    }
    await expect(db.transaction((tx) => tx.execute(sql`select 1`))).resolves.toBeDefined();
  });
});
