import "server-only";
import path from "node:path";
import { z } from "zod";

/*
 * The environment, validated. `instrumentation.ts` reads it once when the server starts, so a
 * missing or malformed variable stops the app with a message naming it, instead of failing on the
 * first request that needs it. Code reads it through `getEnv()`, never `process.env.X`.
 *
 * `getEnv()` re-parses only when a variable it reads has changed since the last call: the server
 * pays for one parse, and tests that set `process.env.DATABASE_URL` between cases still see it.
 * Lives below db/ (see docs/decisions/0010-environment-and-logs-below-db.md).
 */

/** Empty or blank counts as unset: `DATABASE_URL=` in a shell or an env file means "not set". */
const unsetIfBlank = (value: unknown) => (typeof value === "string" ? value.trim() || undefined : value);

const urlWith = (protocols: string[], example: string) =>
  z.string().refine(
    (value) => {
      try {
        return protocols.includes(new URL(value).protocol);
      } catch {
        return false;
      }
    },
    { message: `must be a URL starting ${protocols.map((p) => `${p}//`).join(" or ")} (e.g. ${example})` },
  );

const postgresUrl = urlWith(["postgres:", "postgresql:"], "postgres://db.example.org:5432/attune");
const webOrigin = urlWith(["http:", "https:"], "https://attune.example.org");

const optional = <T extends z.ZodType>(schema: T) => z.preprocess(unsetIfBlank, schema.optional());
const withDefault = <T extends z.ZodType<string | number>>(schema: T, fallback: z.output<T>) =>
  z.preprocess(unsetIfBlank, schema.optional()).transform((value) => value ?? fallback);

const envSchema = z.object({
  DATABASE_URL: optional(postgresUrl),
  // Migrations go through this one when set: the server itself, where DATABASE_URL is a pooler.
  DATABASE_DIRECT_URL: optional(postgresUrl),
  // `npm run db:migrate` grants this existing login role what the app needs (README "Least privilege").
  APP_DATABASE_ROLE: optional(z.string().regex(/^[a-z_][a-z0-9_]{0,62}$/, "must be a plain role name (lower case letters, digits, _)")),
  // A streaming replica for the read-only dashboards and exports (README "Scaling").
  DATABASE_REPLICA_URL: optional(postgresUrl),
  DATABASE_POOL_MAX: withDefault(
    z.coerce.number({ message: "must be a whole number of at least 1" }).int("must be a whole number of at least 1").min(1, "must be a whole number of at least 1"),
    10,
  ),
  PGLITE_DIR: withDefault(z.string(), path.join(".data", "pglite")),
  AUTH_SECRET: optional(z.string()),
  // Earlier secrets, newest first, kept while what they sealed is re-sealed (README "Rotating AUTH_SECRET").
  AUTH_SECRET_1: optional(z.string()),
  AUTH_SECRET_2: optional(z.string()),
  AUTH_SECRET_3: optional(z.string()),
  APP_URL: withDefault(webOrigin, "http://localhost:3000"),
  AUTH_URL: optional(webOrigin),
  SMTP_URL: optional(urlWith(["smtp:", "smtps:"], "smtp://mail.example.org:587")),
  EMAIL_FROM: withDefault(z.string(), "Attune <no-reply@attune.local>"),
  // Too high lets clients choose their address, too low counts everyone behind one proxy together:
  // a wrong value stops the app rather than guess.
  TRUSTED_PROXY_HOPS: withDefault(
    z
      .string()
      .regex(/^\d+$/, "must be a whole number of proxies (0 when none)")
      .transform(Number)
      .refine((hops) => hops <= 10, "is not a plausible number of proxies (at most 10)"),
    0,
  ),
  TEST_DATABASE_URL: optional(postgresUrl),
  // "false" when the background jobs run as their own process (`npm run worker`) instead.
  JOBS_IN_APP: withDefault(z.enum(["true", "false"], { message: 'must be "true" or "false"' }), "true").transform((value) => value === "true"),
  // Unset: /api/metrics does not exist. Long and random, as a password: it is compared as a bearer token.
  METRICS_TOKEN: optional(z.string().min(16, "must be at least 16 characters (e.g. `openssl rand -hex 24`)")),
});

export type Env = z.output<typeof envSchema>;

const VARIABLES = Object.keys(envSchema.shape) as (keyof Env)[];

/** Names every bad variable and what it should be, never its value (several hold passwords). */
export class EnvError extends Error {
  constructor(readonly problems: { variable: string; message: string }[]) {
    super(`Invalid environment: ${problems.map((p) => `${p.variable} ${p.message}`).join("; ")}. See README "Configuration".`);
    this.name = "EnvError";
  }
}

type Source = Record<string, string | undefined>;

/** Parses `source` (by default the process's environment); throws EnvError naming each bad variable. */
export function parseEnv(source: Source = process.env): Env {
  const result = envSchema.safeParse(source);
  const problems = result.success
    ? []
    : result.error.issues.map((issue) => ({ variable: String(issue.path[0] ?? "environment"), message: issue.message }));
  // Required only where sessions are real: `next build` also runs with NODE_ENV=production.
  if (source.NODE_ENV === "production" && source.NEXT_PHASE !== "phase-production-build" && !unsetIfBlank(source.AUTH_SECRET)) {
    problems.push({ variable: "AUTH_SECRET", message: "is required in production (e.g. `openssl rand -base64 32`)" });
  }
  if (!result.success || problems.length) throw new EnvError(problems);
  return result.data;
}

let cached: { key: string; env: Env } | undefined;

/** The validated environment of this process. */
export function getEnv(): Env {
  const key = JSON.stringify([...VARIABLES, "NODE_ENV", "NEXT_PHASE"].map((name) => process.env[name] ?? null));
  if (cached?.key !== key) cached = { key, env: parseEnv(process.env) };
  return cached.env;
}
