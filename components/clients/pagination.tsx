import Link from "next/link";
import { caseloadHref, type CaseloadQuery } from "@/lib/clients/schemas";

export function Pagination({ query, total, pageCount }: { query: CaseloadQuery; total: number; pageCount: number }) {
  const first = (query.page - 1) * query.size + 1;
  const last = Math.min(query.page * query.size, total);
  const link = "rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm hover:bg-slate-50";
  const disabled = "rounded-md border border-slate-200 px-3 py-1.5 text-sm text-slate-400";
  return (
    <nav aria-label="Pagination" className="flex flex-col items-center justify-between gap-3 text-sm text-slate-600 sm:flex-row">
      <p>
        Showing <span className="font-medium text-slate-900">{first}</span>–<span className="font-medium text-slate-900">{last}</span> of{" "}
        <span className="font-medium text-slate-900">{total}</span> {total === 1 ? "row" : "rows"}
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
          Page {query.page} of {pageCount}
        </span>
        {query.page < pageCount ? (
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
