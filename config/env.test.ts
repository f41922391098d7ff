import { afterEach, describe, expect, it } from "vitest";
import { EnvError, getEnv, parseEnv } from "./env";

/** The message parseEnv throws for `source`, or null when it parses. */
function problemWith(source: Record<string, string | undefined>): string | null {
  try {
    parseEnv(source);
    return null;
  } catch (error) {
    expect(error).toBeInstanceOf(EnvError);
    return (error as Error).message;
  }
}

describe("parseEnv", () => {
  it("applies the README's defaults to an empty environment, and treats blank values as unset", () => {
    expect(parseEnv({})).toEqual({
      DATABASE_URL: undefined,
      DATABASE_POOL_MAX: 10,
      PGLITE_DIR: ".data/pglite",
      AUTH_SECRET: undefined,
      APP_URL: "http://localhost:3000",
      AUTH_URL: undefined,
      SMTP_URL: undefined,
      EMAIL_FROM: "Attune <no-reply@attune.local>",
      TRUSTED_PROXY_HOPS: 0,
      TEST_DATABASE_URL: undefined,
      JOBS_IN_APP: true,
    });
    expect(parseEnv({ JOBS_IN_APP: "false" }).JOBS_IN_APP).toBe(false);
    expect(() => parseEnv({ JOBS_IN_APP: "no" })).toThrow(/JOBS_IN_APP must be "true" or "false"/);
    expect(parseEnv({ DATABASE_URL: "", SMTP_URL: "  ", DATABASE_POOL_MAX: "" })).toMatchObject({
      DATABASE_URL: undefined,
      SMTP_URL: undefined,
      DATABASE_POOL_MAX: 10,
    });
  });

  it("reads well-formed values", () => {
    expect(
      parseEnv({
        DATABASE_URL: "postgres://attune:pw@db.internal:5432/attune",
        DATABASE_POOL_MAX: "25",
        PGLITE_DIR: "memory://",
        AUTH_SECRET: "s3cret",
        APP_URL: "https://attune.example.org",
        SMTP_URL: "smtp://127.0.0.1:2525?ignoreTLS=true",
        EMAIL_FROM: "Practice <care@example.org>",
        NODE_ENV: "production",
      }),
    ).toMatchObject({ DATABASE_URL: "postgres://attune:pw@db.internal:5432/attune", DATABASE_POOL_MAX: 25, PGLITE_DIR: "memory://" });
  });

  it.each([
    ["DATABASE_URL", "mysql://db/attune"],
    ["DATABASE_URL", "not a url"],
    ["DATABASE_POOL_MAX", "ten"],
    ["DATABASE_POOL_MAX", "0"],
    ["DATABASE_POOL_MAX", "2.5"],
    ["APP_URL", "attune.example.org"],
    ["AUTH_URL", "ftp://attune.example.org"],
    ["SMTP_URL", "mail.example.org:587"],
    ["TEST_DATABASE_URL", "127.0.0.1:5432"],
  ])("names %s when it is malformed (%s)", (variable, value) => {
    const message = problemWith({ [variable]: value });
    expect(message).toMatch(new RegExp(`^Invalid environment: ${variable} must be`));
  });

  it("names every malformed variable at once, and never echoes a value (they hold passwords)", () => {
    const message = problemWith({ DATABASE_URL: "mysql://u:hunter2@db/a", SMTP_URL: "mail:hunter2" });
    expect(message).toContain("DATABASE_URL must be");
    expect(message).toContain("SMTP_URL must be");
    expect(message).not.toContain("hunter2");
  });

  // Moved here with the rule from lib/http/client-ip.ts: one parser per variable.
  it("reads TRUSTED_PROXY_HOPS as none by default, and whole numbers", () => {
    expect(parseEnv({}).TRUSTED_PROXY_HOPS).toBe(0);
    expect(parseEnv({ TRUSTED_PROXY_HOPS: "" }).TRUSTED_PROXY_HOPS).toBe(0);
    expect(parseEnv({ TRUSTED_PROXY_HOPS: "0" }).TRUSTED_PROXY_HOPS).toBe(0);
    expect(parseEnv({ TRUSTED_PROXY_HOPS: " 2 " }).TRUSTED_PROXY_HOPS).toBe(2);
  });

  it("refuses any other TRUSTED_PROXY_HOPS rather than guess", () => {
    for (const value of ["true", "-1", "1.5", "one", "11"]) expect(() => parseEnv({ TRUSTED_PROXY_HOPS: value })).toThrow(/TRUSTED_PROXY_HOPS/);
  });

  it("requires AUTH_SECRET in production, but not while `next build` runs nor in development", () => {
    expect(problemWith({ NODE_ENV: "production" })).toContain("AUTH_SECRET is required in production");
    expect(problemWith({ NODE_ENV: "production", AUTH_SECRET: " " })).toContain("AUTH_SECRET is required in production");
    expect(problemWith({ NODE_ENV: "production", NEXT_PHASE: "phase-production-build" })).toBeNull();
    expect(problemWith({ NODE_ENV: "development" })).toBeNull();
  });
});

describe("getEnv", () => {
  const original = process.env.APP_URL;
  afterEach(() => {
    if (original === undefined) delete process.env.APP_URL;
    else process.env.APP_URL = original;
  });

  it("sees a variable changed after an earlier read (tests switch databases this way)", () => {
    process.env.APP_URL = "https://one.example.org";
    expect(getEnv().APP_URL).toBe("https://one.example.org");
    process.env.APP_URL = "https://two.example.org";
    expect(getEnv().APP_URL).toBe("https://two.example.org");
    process.env.APP_URL = "two.example.org";
    expect(() => getEnv()).toThrow(/APP_URL must be/);
  });
});
