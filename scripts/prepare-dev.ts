// Runs before `npm run dev`: makes a local AUTH_SECRET once, migrates and seeds the database,
// and prints the demo sign-in. It opens the embedded database and closes it again before
// `next dev` starts, because PGlite cannot be shared between two processes.
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import { databaseDescription } from "@/db/client";
import { runScript } from "@/db/run-script";
import { DEMO_EMAIL, DEMO_PASSWORD, seedDemo } from "@/scripts/seed/seed-demo";

const ENV_FILE = ".env.local";
const existing = fs.existsSync(ENV_FILE) ? fs.readFileSync(ENV_FILE, "utf8") : "";
const stored = /^AUTH_SECRET=(.+)$/m.exec(existing)?.[1]?.trim();
if (!process.env.AUTH_SECRET && !stored) {
  const secret = randomBytes(32).toString("base64url");
  fs.appendFileSync(ENV_FILE, `${existing && !existing.endsWith("\n") ? "\n" : ""}AUTH_SECRET=${secret}\n`);
  console.log(`Wrote a new local AUTH_SECRET to ${ENV_FILE}.`);
  process.env.AUTH_SECRET = secret;
} else if (!process.env.AUTH_SECRET) {
  // next dev reads .env.local itself; this script must seal with the same secret (the seed's emails).
  process.env.AUTH_SECRET = stored;
}

let pendingLink: string | null = null;
await runScript(async () => {
  const seeded = await seedDemo();
  pendingLink = seeded.pendingLink;
  console.log(
    seeded.created
      ? `Migrated ${databaseDescription()} and seeded the demo practice (${seeded.assessments} completed assessments).`
      : `Migrated ${databaseDescription()}; the demo practice is already there.`,
  );
});
if (process.exitCode) process.exit(process.exitCode);

const url = process.env.APP_URL ?? "http://localhost:3000";
console.log(`
  Attune is starting at ${url}
  Demo sign-in:  ${DEMO_EMAIL}  /  ${DEMO_PASSWORD}   (owner; clinicians: sam@attune.test, priya@attune.test, same password)
${pendingLink ? `  Try the client side with this pending assessment link (shown once):\n  ${pendingLink}\n` : ""}`);
