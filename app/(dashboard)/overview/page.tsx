import type { Metadata } from "next";
import { DimensionTrends } from "@/components/overview/dimension-trends";
import { GettingStarted } from "@/components/overview/getting-started";
import { NeedsAttention } from "@/components/overview/needs-attention";
import { OverviewControls } from "@/components/overview/overview-controls";
import { SummaryCards } from "@/components/overview/summary-cards";
import { PageHeader } from "@/components/ui/page-header";
import { requireActor } from "@/lib/auth/session";
import { getOverview, parseOverviewParams } from "@/lib/overview";

export const metadata: Metadata = { title: "Overview" };

export default async function OverviewPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const [actor, search] = await Promise.all([requireActor(), searchParams]);
  const params = parseOverviewParams(search);
  const overview = await getOverview(actor, params);
  const description = overview.scope === "practice" ? "How the whole practice is doing." : "How your caseload is doing.";

  // Until the first assessment there is nothing to chart: say what to do first instead.
  if (overview.totals.assessments === 0) {
    return (
      <>
        <PageHeader title="Overview" description={description} />
        <GettingStarted overview={overview} />
      </>
    );
  }

  return (
    <div className="space-y-10">
      <PageHeader title="Overview" description={description} />
      <NeedsAttention overview={overview} />
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
