import "server-only";
import { sql } from "drizzle-orm";
import { getDb, type Database } from "@/db/client";

type Transaction = Parameters<Parameters<Database["transaction"]>[0]>[0];

/*
 * The client's questionnaire writes lock its invitation row. Normally that lock is held for
 * milliseconds, but if something holds it for long (a stuck transaction, an operator's session),
 * every autosave for that link used to wait on it with a pooled connection in hand: twelve of them
 * took the whole pool, and every other user of the app waited too. So here:
 * - in this process, only one transaction per link waits for its row; others for the same link
 *   wait in memory, without a connection, and give up after LOCK_WAIT_MS;
 * - in the database, that one gives up waiting for the row lock after LOCK_WAIT_MS.
 * Either way the caller gets InvitationBusyError, and the page asks the client to try again.
 */

/** Far above the few milliseconds a save holds the lock; far below what a person notices as a hang. */
export const LOCK_WAIT_MS = 2000;

/** The link's row is locked by someone else for longer than a save should wait. Safe to retry. */
export class InvitationBusyError extends Error {
  constructor() {
    super("The invitation is busy with another save; try again shortly.");
    this.name = "InvitationBusyError";
  }
}

type Waiter = { grant: () => void };
// Per link: the queue of waiters behind the current holder (an empty queue means held, no waiters).
const gates = new Map<string, Waiter[]>();

function acquire(key: string): Promise<() => void> {
  const release = () => {
    const queue = gates.get(key);
    const next = queue?.shift();
    if (next) next.grant();
    else gates.delete(key);
  };
  const queue = gates.get(key);
  if (!queue) {
    gates.set(key, []);
    return Promise.resolve(release);
  }
  return new Promise((resolve, reject) => {
    const waiter: Waiter = {
      grant: () => {
        clearTimeout(timer);
        resolve(release);
      },
    };
    const timer = setTimeout(() => {
      queue.splice(queue.indexOf(waiter), 1);
      reject(new InvitationBusyError());
    }, LOCK_WAIT_MS);
    queue.push(waiter);
  });
}

/** SQLSTATE 55P03: a lock could not be had within lock_timeout. Drizzle wraps the driver error. */
function isLockTimeout(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; current && depth < 4; depth++) {
    if ((current as { code?: string }).code === "55P03") return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}

/**
 * Runs `work` in a transaction whose row-lock waits are bounded (see above), one at a time per
 * link in this process. `key` names the link (its token). Throws InvitationBusyError when the row
 * stays locked.
 */
export async function inInvitationTransaction<T>(key: string, work: (tx: Transaction) => Promise<T>): Promise<T> {
  const release = await acquire(key);
  try {
    const db = await getDb();
    return await db.transaction(async (tx) => {
      await tx.execute(sql.raw(`set local lock_timeout = ${LOCK_WAIT_MS}`));
      return work(tx);
    });
  } catch (error) {
    if (isLockTimeout(error)) throw new InvitationBusyError();
    throw error;
  } finally {
    release();
  }
}
