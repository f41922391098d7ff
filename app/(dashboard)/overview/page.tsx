import type { Metadata } from "next";
import { Suspense } from "react";
import { DimensionTrends } from "@/components/overview/dimension-trends";
import { InstrumentBands } from "@/components/overview/instrument-bands";
import { GettingStarted } from "@/components/overview/getting-started";
import { NeedsAttention } from "@/components/overview/needs-attention";
import { RANGE_LABELS } from "@/components/overview/labels";
import { OverviewControls } from "@/components/overview/overview-controls";
import { SummaryCards } from "@/components/overview/summary-cards";
import { ScheduleOverviewSection } from "@/components/plans/schedule-overview";
import { PageHeader } from "@/components/ui/page-header";
import { EmailWaiting } from "@/components/overview/email-waiting";
import { CrisisTextNotice } from "@/components/settings/crisis-text-notice";
import { isOwner } from "@/lib/core/owner";
import { requireActor } from "@/lib/auth/session";
import { isEmailDeliveryConfigured } from "@/lib/core/outbox";
import { countWaitingEmails } from "@/lib/email/outbox-list";
import { getPracticeSettings } from "@/lib/practices/practices";
import { getOverview, parseOverviewParams } from "@/lib/overview/overview";
import { getInstrumentBandCounts } from "@/lib/overview/instrument-bands";
import { getScheduleOverview } from "@/lib/plans/schedule-overview";
import { OpenAlerts } from "../open-alerts";
import { OffCoursePart } from "./off-course-part";

export const metadata: Metadata = { title: "Overview" };

export default async function OverviewPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const [actor, search] = await Promise.all([requireActor(), searchParams]);
  const params = parseOverviewParams(search);
  const emailConfigured = isEmailDeliveryConfigured();
  const [overview, schedule, bandCounts, waitingEmails, settings] = await Promise.all([
    getOverview(actor, params),
    getScheduleOverview(actor, params.range),
    getInstrumentBandCounts(actor),
    emailConfigured ? Promise.resolve(0) : countWaitingEmails(actor),
    isOwner(actor) ? getPracticeSettings(actor) : null,
  ]);
  const emailPart = emailConfigured ? null : <EmailWaiting waiting={waitingEmails} isOwner={isOwner(actor)} />;
  // Until the practice writes its own crisis information, its owner is told (clients see the safe default).
  const crisisNotice = settings && settings.crisisText === null ? <CrisisTextNotice linkToSettings /> : null;
  const plansPart = <ScheduleOverviewSection schedule={schedule} timeZone={actor.practiceTimeZone} rangeLabel={params.range === "all" ? "all time" : `last ${RANGE_LABELS[params.range]}`} />;
  const description = overview.scope === "practice" ? "How the whole practice is doing." : "How your caseload is doing.";
  // After a time-zone change the per-day figures are rebuilt in the background (lib/overview/rebuild.ts).
  const recalculating = overview.recalculating ? (
    <p role="status" className="rounded-md border border-amber-300 bg-amber-50 px-4 py-3 text-sm text-amber-900">
      The figures are being recalculated for the practice&rsquo;s new time zone. Until then, counts by day and month may still follow the old one.
    </p>
  ) : null;

  // Until the first assessment there is nothing to chart: say what to do first instead.
  if (overview.totals.assessments === 0) {
    return (
      <>
        <OpenAlerts actor={actor} />
        <PageHeader title="Overview" description={description} />
        {recalculating}
        {crisisNotice ? <div className="mb-6">{crisisNotice}</div> : null}
        {emailPart ? <div className="mb-6">{emailPart}</div> : null}
        <GettingStarted overview={overview} />
        {schedule.activePlans > 0 ? <div className="mt-10">{plansPart}</div> : null}
      </>
    );
  }

  return (
    <div className="space-y-10">
      <OpenAlerts actor={actor} />
      <PageHeader title="Overview" description={description} />
      {recalculating}
      {crisisNotice}
      {emailPart}
      <NeedsAttention attention={overview} onOverview>
        {/* Streamed: the usual course is read from the practice's stored figures, computed inline only for a small practice whose figures are behind (decision 0042). */}
        <Suspense fallback={<p className="text-sm text-slate-500">Checking who is off the usual course…</p>}>
          <OffCoursePart actor={actor} />
        </Suspense>
      </NeedsAttention>
      <InstrumentBands counts={bandCounts} scope={overview.scope} />
      {plansPart}
      <section aria-labelledby="over-time-heading" className="space-y-6 border-t border-slate-200 pt-8">
        <div>
          <h2 id="over-time-heading" className="text-lg font-semibold text-slate-900">
            {overview.scope === "practice" ? "The practice" : "Your caseload"} over time
          </h2>
          <p className="mt-1 text-sm text-slate-600">Activity and average scores in the range you choose.</p>
        </div>
        <OverviewControls params={params} />
        <SummaryCards overview={overview} />
        <DimensionTrends overview={overview} />
      </section>
    </div>
  );
}
