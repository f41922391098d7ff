import "server-only";
import { sql } from "drizzle-orm";
import { getEnv } from "@/config/env";
import { log } from "@/config/log";
import { getDb, type Executor } from "@/db/client";
import { clientIpFrom } from "@/lib/http/client-ip";
import { socketAddressOf } from "@/lib/http/socket-address";

export type RateLimitResult = {
  allowed: boolean;
  /** Seconds until the current window ends; 0 when allowed. */
  retryAfterSeconds: number;
};

type RateLimitOptions = {
  limit: number;
  windowSeconds: number;
  /** Tests pin the clock; otherwise the database's clock decides, so every instance agrees. */
  now?: Date;
};

const MAX_KEY_LENGTH = 200;
const PURGE_PROBABILITY = 0.01;

/**
 * Counts one attempt against `key` in a fixed window and says whether it is within `limit`.
 * One atomic upsert: concurrent callers on any app instance serialise on the row, so the counter
 * never loses an increment. The count is capped at limit + 1 so a flood cannot overflow it.
 */
export async function consumeRateLimit(key: string, options: RateLimitOptions): Promise<RateLimitResult> {
  const { limit, windowSeconds } = options;
  if (!Number.isInteger(limit) || limit < 1) throw new Error(`rate limit must be a positive integer, got ${limit}`);
  if (!Number.isInteger(windowSeconds) || windowSeconds < 1) throw new Error(`window must be whole seconds, got ${windowSeconds}`);

  const db = await getDb();
  const now = options.now ? sql`${options.now.toISOString()}::timestamptz` : sql`now()`;
  const windowLength = sql`make_interval(secs => ${windowSeconds})`;
  // Both drivers answer with `{ rows }`; the shared database type leaves the result unknown.
  const result = (await db.execute(sql`
    insert into rate_limits as r (key, window_start, count)
    values (${key.slice(0, MAX_KEY_LENGTH)}, ${now}, 1)
    on conflict (key) do update set
      window_start = case when r.window_start + ${windowLength} <= ${now} then ${now} else r.window_start end,
      count = case when r.window_start + ${windowLength} <= ${now} then 1 else least(r.count + 1, ${limit + 1}) end
    returning count,
      greatest(0, ceil(extract(epoch from (window_start + ${windowLength} - ${now}))))::int as retry_after
  `)) as { rows: { count: number | string; retry_after: number | string }[] };
  const row = result.rows[0];
  if (!row) throw new Error("rate limit upsert returned no row");
  const allowed = Number(row.count) <= limit;
  // Rows of ended windows are dead weight; sweeping now and then keeps the table to live keys.
  if (Math.random() < PURGE_PROBABILITY) {
    purgeStaleRateLimits().catch((error: unknown) => log.error({ module: "rate-limit", err: error }, "purge failed"));
  }
  return { allowed, retryAfterSeconds: allowed ? 0 : Math.max(1, Number(row.retry_after)) };
}

/**
 * Gives back one attempt counted by consumeRateLimit, for limits that count only failures: the
 * attempt is counted before the work (so concurrent callers cannot all slip under the limit) and
 * refunded when it turns out to have succeeded.
 */
export async function refundRateLimit(key: string): Promise<void> {
  const db = await getDb();
  await db.execute(sql`update rate_limits set count = greatest(count - 1, 0) where key = ${key.slice(0, MAX_KEY_LENGTH)}`);
}

/** Clears a key's window at once (an owner unlocking an account). Pass the transaction to commit with it. */
export async function resetRateLimit(key: string, executor?: Executor): Promise<void> {
  await (executor ?? (await getDb())).execute(sql`delete from rate_limits where key = ${key.slice(0, MAX_KEY_LENGTH)}`);
}

/** Clears every key that begins with `prefix` (an owner unlocking an account from every source). */
export async function resetRateLimitsByPrefix(prefix: string, executor?: Executor): Promise<void> {
  const pattern = `${prefix.slice(0, MAX_KEY_LENGTH).replace(/[\\%_]/g, "\\$&")}%`;
  await (executor ?? (await getDb())).execute(sql`delete from rate_limits where key like ${pattern}`);
}

/** A key's count in its current window and the seconds since that window began; null when there is none. */
export async function readRateLimit(key: string, windowSeconds: number): Promise<{ count: number; ageSeconds: number } | null> {
  const db = await getDb();
  const result = (await db.execute(sql`
    select count, extract(epoch from (now() - window_start))::float8 as age
    from rate_limits
    where key = ${key.slice(0, MAX_KEY_LENGTH)} and window_start + make_interval(secs => ${windowSeconds}) > now()
  `)) as { rows: { count: number | string; age: number | string }[] };
  const row = result.rows[0];
  return row ? { count: Number(row.count), ageSeconds: Math.max(0, Number(row.age)) } : null;
}

/**
 * Of `keys`, those whose current window has no attempt left (the next consumeRateLimit would be
 * refused), with the seconds until their window ends. Reads only; counts nothing.
 */
export async function exhaustedRateLimits(keys: string[], options: Omit<RateLimitOptions, "now">): Promise<Map<string, number>> {
  if (keys.length === 0) return new Map();
  const db = await getDb();
  const windowLength = sql`make_interval(secs => ${options.windowSeconds})`;
  const result = (await db.execute(sql`
    select key, greatest(1, ceil(extract(epoch from (window_start + ${windowLength} - now()))))::int as retry_after
    from rate_limits
    where key in (${sql.join(
      keys.map((key) => sql`${key.slice(0, MAX_KEY_LENGTH)}`),
      sql`, `,
    )}) and count >= ${options.limit} and window_start + ${windowLength} > now()
  `)) as { rows: { key: string; retry_after: number | string }[] };
  return new Map(result.rows.map((row) => [row.key, Number(row.retry_after)]));
}

/** Forgets windows that ended more than a day ago; the table would otherwise grow by one row per IP. */
async function purgeStaleRateLimits(): Promise<void> {
  const db = await getDb();
  await db.execute(sql`delete from rate_limits where window_start < now() - interval '1 day'`);
}

let warnedUnknown = false;

/**
 * The caller's IP for per-IP limits: the socket's address, or with `TRUSTED_PROXY_HOPS` set, the
 * `X-Forwarded-For` entry our outermost proxy wrote (see lib/http/client-ip.ts). Never a value the
 * client chose. "unknown" only where nothing trustworthy is known (no stamped socket address, as
 * outside the Next.js server): everyone there shares one bucket, which errs on the side of limiting.
 */
export function clientIp(headers: Pick<Headers, "get">): string {
  const ip = clientIpFrom({
    socketAddress: socketAddressOf(headers),
    forwardedFor: headers.get("x-forwarded-for"),
    trustedHops: getEnv().TRUSTED_PROXY_HOPS,
  });
  if (ip) return ip;
  if (!warnedUnknown) {
    warnedUnknown = true;
    log.error({ module: "rate-limit" }, "no trustworthy client address on this request; per-IP limits count such requests together");
  }
  return "unknown";
}
