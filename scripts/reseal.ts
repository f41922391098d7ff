// `npm run reseal`: after rotating AUTH_SECRET (the new one in AUTH_SECRET, the old one in
// AUTH_SECRET_1), seals again under the new one what the database keeps sealed under an old one
// (lib/operations/reseal.ts). Safe to re-run, and while the app runs on PostgreSQL.
import { databaseDescription, getDb } from "@/db/client";
import { runScript } from "@/db/run-script";
import { resealStoredValues } from "@/lib/operations/reseal";

await runScript(async () => {
  const counts = await resealStoredValues(await getDb());
  console.log(`Re-sealed under the current AUTH_SECRET, in ${databaseDescription()}:`);
  for (const count of counts) {
    console.log(`  ${count.label}: ${count.resealed} re-sealed, ${count.current} already current, ${count.unreadable} sealed under no configured secret`);
  }
  const unreadable = counts.reduce((sum, count) => sum + count.unreadable, 0);
  if (unreadable > 0) {
    console.log("Values that open under no configured secret cannot be recovered: queued emails among them are given up when due, and two-step sign-in for such an account must be reset by the owner.");
  }
  console.log("Nothing stored now needs the earlier secrets: AUTH_SECRET_1…_3 can be removed 24 hours after the rotation (sessions last at most 12 hours, sign-up links 24).");
});
