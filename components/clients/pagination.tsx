import Link from "next/link";
import { caseloadHref, type CaseloadQuery } from "@/lib/clients/schemas";

/** `exact` false: counting stopped at `total` rows (lib/clients/caseload COUNT_AHEAD), and more follow. */
export function Pagination({ query, total, exact, pageCount }: { query: CaseloadQuery; total: number; exact: boolean; pageCount: number }) {
  const first = (query.page - 1) * query.size + 1;
  const last = exact ? Math.min(query.page * query.size, total) : query.page * query.size;
  const link = "rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm hover:bg-slate-50";
  const disabled = "rounded-md border border-slate-200 px-3 py-1.5 text-sm text-slate-400";
  return (
    <nav aria-label="Pagination" className="flex flex-col items-center justify-between gap-3 text-sm text-slate-600 sm:flex-row">
      <p>
        Showing <span className="font-medium text-slate-900">{first}</span>–<span className="font-medium text-slate-900">{last}</span> of{" "}
        {exact ? null : "more than "}
        <span className="font-medium text-slate-900">{total.toLocaleString("en-GB")}</span> {total === 1 ? "row" : "rows"}
      </p>
      <div className="flex items-center gap-2">
        {query.page > 1 ? (
          <Link href={caseloadHref(query, { page: query.page - 1 })} className={link} rel="prev">
            Previous
          </Link>
        ) : (
          <span className={disabled} aria-disabled="true">
            Previous
          </span>
        )}
        <span aria-current="page">
          Page {query.page} of {exact ? pageCount : `more than ${pageCount}`}
        </span>
        {query.page < pageCount || !exact ? (
          <Link href={caseloadHref(query, { page: query.page + 1 })} className={link} rel="next">
            Next
          </Link>
        ) : (
          <span className={disabled} aria-disabled="true">
            Next
          </span>
        )}
      </div>
    </nav>
  );
}
