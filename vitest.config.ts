import path from "node:path";
import { configDefaults, defineConfig } from "vitest/config";

const alias = {
  "@": path.resolve(import.meta.dirname),
  // `server-only` throws outside React Server Components; tests call lib/ directly.
  "server-only": path.resolve(import.meta.dirname, "test/empty-module.ts"),
};

const postgres = Boolean(process.env.TEST_DATABASE_URL);
// Sign-in fingerprints, sealed form references and outbox bodies (lib/core/seal.ts) are keyed with it,
// as in production; a fixed value, used by tests only.
const TEST_AUTH_SECRET = "vitest-auth-secret-not-for-production";

// Hang guards, not speed limits: on a busy two-core machine, a test that opens and migrates an
// in-memory database has taken 45 s (10 s alone), and one that spawns the seed script twice 62 s.
// A test that hangs still fails, just later; a slow machine must never fail a test.
const timeouts = { testTimeout: 300_000, hookTimeout: 300_000 };

export default defineConfig({
  resolve: { alias },
  test: {
    // Closing includes dropping the PostgreSQL test database; cut short, it would be left behind.
    teardownTimeout: 60_000,
    projects: [
      {
        resolve: { alias },
        test: {
          name: "pglite",
          include: [
            "lib/**/*.test.ts",
            "db/**/*.test.ts",
            "components/**/*.test.ts",
            "scripts/**/*.test.ts",
            "test/**/*.test.ts",
            "proxy.test.ts",
            "config/**/*.test.ts",
          ],
          // Stops and crashes a PostgreSQL server of its own: meaningless on PGlite (postgres project only).
          // The bench's smoke run (test/bench.int.test.ts) seeds PostgreSQL: postgres project only too.
          exclude: [...configDefaults.exclude, "test/faults.int.test.ts", "test/bench.int.test.ts"],
          environment: "node",
          // Each test file gets its own in-memory embedded database, migrated on first use.
          env: { PGLITE_DIR: "memory://", DATABASE_URL: "", AUTH_SECRET: TEST_AUTH_SECRET },
          ...timeouts,
        },
      },
      ...(postgres
        ? [
            {
              resolve: { alias },
              test: {
                name: "postgres",
                include: ["lib/**/*.int.test.ts", "db/**/*.int.test.ts", "scripts/**/*.int.test.ts", "test/**/*.int.test.ts"],
                environment: "node",
                env: { AUTH_SECRET: TEST_AUTH_SECRET },
                globalSetup: ["test/postgres-global-setup.ts"],
                setupFiles: ["test/postgres-setup.ts"],
                ...timeouts,
              },
            },
          ]
        : []),
    ],
  },
});
