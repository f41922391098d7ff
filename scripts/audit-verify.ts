// `npm run audit:verify`: checks every practice's audit trail hash chain (lib/core/audit-chain.ts)
// and says, per practice, whether it is whole or where it first breaks. Exits 1 when one is broken.
// Read-only: safe while the app runs, as the owner or the app's own role.
import { databaseDescription, getDb } from "@/db/client";
import { runScript } from "@/db/run-script";
import { verifyAuditChains } from "@/lib/core/audit-chain";

await runScript(async () => {
  const reports = await verifyAuditChains(await getDb());
  console.log(`Audit trail chains in ${databaseDescription()}:`);
  for (const report of reports) {
    const chain = report.practiceId ? `practice ${report.practiceId}` : "sign-ins of no practice";
    if (report.whole) {
      console.log(`  ${chain}: whole (${report.rows} rows)`);
    } else {
      const where = report.firstBroken?.id !== null && report.firstBroken?.id !== undefined ? `row id ${report.firstBroken.id}, ` : "";
      console.log(`  ${chain}: BROKEN at ${where}link ${report.firstBroken?.chainSeq ?? "?"}: ${report.firstBroken?.reason} (${report.rows} rows)`);
    }
  }
  if (reports.length === 0) console.log("  no audit rows yet");
  const broken = reports.filter((report) => !report.whole).length;
  console.log(broken === 0 ? "Every chain is whole." : `${broken} chain(s) broken: the rows named were changed, removed or added outside the app.`);
  if (broken > 0) process.exitCode = 1;
});
