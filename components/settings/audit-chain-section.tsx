import { formatDateTime } from "@/lib/core/format";
import type { ChainCheck } from "@/lib/core/audit-chain";

/**
 * The owner's view of the audit trail's hash chain (decision 0040): the last check the job engine
 * made in the background (hourly), or that the first one is under way.
 */
export function AuditChainSection({ chain, timeZone }: { chain: ChainCheck | null; timeZone: string }) {
  const checked = chain ? <span className="text-slate-500"> Checked {formatDateTime(chain.checkedAt, timeZone)}; checked again every hour.</span> : null;
  return (
    <section aria-labelledby="audit-chain-heading" className="mt-6 rounded-lg border border-slate-200 bg-white p-6">
      <h2 id="audit-chain-heading" className="text-base font-semibold">
        Audit trail
      </h2>
      {chain === null ? (
        <p role="status" className="mt-2 text-sm text-slate-700">
          The audit trail&rsquo;s first check is under way in the background; reload this page in a minute to see it.
        </p>
      ) : chain.whole ? (
        <p className="mt-2 text-sm text-slate-700">
          {chain.rows === 0
            ? "The audit trail has no entries yet."
            : chain.rows === 1
              ? "The audit trail is whole: its one entry is as it was written."
              : `The audit trail is whole: each of its ${chain.rows.toLocaleString("en-GB")} entries follows from the one before, and none is missing.`}
          {checked}
        </p>
      ) : (
        <p role="alert" className="mt-2 text-sm text-red-800">
          The audit trail is broken from entry {chain.firstBroken?.chainSeq ?? "?"}: {chain.firstBroken?.reason}. Entries were changed or removed outside
          Attune; tell whoever runs your database.
          {checked}
        </p>
      )}
    </section>
  );
}
