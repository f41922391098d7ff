import path from "node:path";
import { defineConfig } from "vitest/config";

const alias = {
  "@": path.resolve(import.meta.dirname),
  // `server-only` throws outside React Server Components; tests call lib/ directly.
  "server-only": path.resolve(import.meta.dirname, "test/empty-module.ts"),
};

const postgres = Boolean(process.env.TEST_DATABASE_URL);
// Seals outbox bodies and links in lib/ (lib/seal.ts); a fixed value, used by tests only.
const AUTH_SECRET = "vitest-auth-secret-not-for-production";

export default defineConfig({
  resolve: { alias },
  test: {
    projects: [
      {
        resolve: { alias },
        test: {
          name: "pglite",
          include: ["lib/**/*.test.ts", "db/**/*.test.ts", "components/**/*.test.ts"],
          environment: "node",
          // Each test file gets its own in-memory embedded database, migrated on first use.
          env: { PGLITE_DIR: "memory://", DATABASE_URL: "", AUTH_SECRET },
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      ...(postgres
        ? [
            {
              resolve: { alias },
              test: {
                name: "postgres",
                include: ["lib/**/*.int.test.ts", "db/**/*.int.test.ts"],
                environment: "node",
                globalSetup: ["test/postgres-global-setup.ts"],
                setupFiles: ["test/postgres-setup.ts"],
                env: { AUTH_SECRET },
                testTimeout: 30_000,
                hookTimeout: 60_000,
              },
            },
          ]
        : []),
    ],
  },
});
