import type { Metadata } from "next";
import Link from "next/link";
import { PrintButton } from "@/components/scores/print-button";
import { PreSessionSummary } from "@/components/summary/pre-session-summary";
import { formatDate } from "@/lib/core/format";
import { clock } from "@/lib/core/clock";
import { orNotFound } from "@/lib/next/or-not-found";
import { listPlansForCouple } from "@/lib/plans/plans";
import { loadSummaryPeople, nextPlannedSend } from "@/lib/pre-session/load";
import { buildPreSessionSummary, preSessionText } from "@/lib/pre-session/summary";
import { getCoupleScores } from "@/lib/scores/scores";
import { loadCoupleRecord } from "../(record)/load";

export const metadata: Metadata = { title: "Couple report" };

/**
 * The couple's printable report: the pre-session summary built by the same function as the couple
 * page and its "Copy summary" (issue 23), open alerts included, on paper (app/globals.css, print).
 */
export default async function CoupleReportPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const { actor, couple, a, visible, title } = await loadCoupleRecord(id);
  const [people, coupleScores, plans] = await orNotFound(
    Promise.all([
      loadSummaryPeople(actor, visible),
      couple.bothAccessible ? getCoupleScores(actor, a.id) : Promise.resolve(null),
      listPlansForCouple(actor, couple.id),
    ]),
  );
  const tz = actor.practiceTimeZone;
  const summary = buildPreSessionSummary({ people, pair: coupleScores?.latestPair ?? null, nextSend: nextPlannedSend(plans), timeZone: tz });
  return (
    <div className="mx-auto max-w-3xl space-y-4">
      <nav aria-label="Breadcrumb" className="text-sm" data-print="hide">
        <Link href={`/couples/${couple.id}`} className="text-brand-700 hover:underline">
          ← {title}
        </Link>
      </nav>
      <article aria-labelledby="report-heading" className="report space-y-6 rounded-lg border border-slate-200 bg-white p-4 sm:p-8">
        <div className="flex flex-col gap-4 sm:flex-row sm:items-start sm:justify-between">
          <div>
            <p className="text-xs font-medium uppercase tracking-wide text-slate-500">Couple · Confidential health information</p>
            <h1 id="report-heading" className="mt-1 text-2xl font-semibold tracking-tight text-slate-900">
              {title}
            </h1>
            <p className="mt-1 text-sm text-slate-600">
              Prepared {formatDate(clock.now(), tz)} by {actor.name}, {actor.practiceName}
              {couple.bothAccessible ? "" : ` · only ${visible[0]!.name}'s record is open to you, so only their results are included`}
            </p>
          </div>
          <PrintButton />
        </div>
        <PreSessionSummary summary={summary} text={preSessionText(title, summary)} print />
      </article>
    </div>
  );
}
