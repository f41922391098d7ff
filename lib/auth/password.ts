import argon2 from "argon2";

// argon2id with the library's defaults (64 MiB, t=3, p=4) — above OWASP's minimum.
const OPTIONS = { type: argon2.argon2id } as const;

/**
 * How many argon2 hashes or verifications may run at once in this process. Each one takes 64 MiB
 * and keeps several cores busy; unbounded, 40 concurrent sign-ins took the server from 145 to
 * 408 MiB and made /api/health answer in 4.5 s. Two at a time keeps memory flat and leaves the
 * event loop and the database pool free for everyone else; further attempts wait their turn (the
 * sign-in throttle bounds how many a single attacker can queue).
 */
export const PASSWORD_HASH_CONCURRENCY = 2;

const hashing = createConcurrencyLimit(PASSWORD_HASH_CONCURRENCY);

/** How busy password hashing is right now: running and waiting tasks. */
export function passwordHashingLoad(): { active: number; waiting: number } {
  return { active: hashing.active, waiting: hashing.waiting };
}

export function hashPassword(password: string): Promise<string> {
  return hashing.run(() => argon2.hash(password, OPTIONS));
}

let dummyHash: Promise<string> | undefined;

/**
 * Verifies a password; with no stored hash (unknown email, or a user who has not set a password)
 * it verifies against a dummy hash so the response takes as long either way.
 */
export async function verifyPassword(hash: string | null | undefined, password: string): Promise<boolean> {
  if (!hash) {
    dummyHash ??= hashPassword("attune-dummy-password-for-timing").catch((error: unknown) => {
      dummyHash = undefined;
      throw error;
    });
    const dummy = await dummyHash;
    await hashing.run(() => argon2.verify(dummy, password)).catch(() => false);
    return false;
  }
  try {
    return await hashing.run(() => argon2.verify(hash, password));
  } catch {
    return false;
  }
}

/** A tiny in-process semaphore: at most `max` tasks run at once, the rest wait in order. */
export function createConcurrencyLimit(max: number) {
  let active = 0;
  const queue: (() => void)[] = [];
  const next = () => {
    if (active >= max) return;
    const start = queue.shift();
    if (!start) return;
    active++;
    start();
  };
  return {
    run<T>(task: () => Promise<T>): Promise<T> {
      return new Promise<T>((resolve, reject) => {
        queue.push(() => {
          let result: Promise<T>;
          try {
            result = task();
          } catch (error) {
            result = Promise.reject(error);
          }
          // The slot is free before the caller resumes, so the counts are exact at every await.
          const release = () => {
            active--;
            next();
          };
          result.then(
            (value) => {
              release();
              resolve(value);
            },
            (error: unknown) => {
              release();
              reject(error);
            },
          );
        });
        next();
      });
    },
    get active() {
      return active;
    },
    get waiting() {
      return queue.length;
    },
  };
}
