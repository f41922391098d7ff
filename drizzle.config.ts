import { defineConfig } from "drizzle-kit";

// Only `drizzle-kit generate` is used: it reads the schema and needs no database.
// Migrations are applied by db/migrate.ts (and by the embedded database on first use).
export default defineConfig({
  dialect: "postgresql",
  schema: "./db/schema.ts",
  out: "./db/migrations",
  casing: "snake_case",
});
