import type { Metadata } from "next";
import Link from "next/link";
import { DeteriorationList } from "@/components/overview/deterioration-list";
import { DimensionTrends } from "@/components/overview/dimension-trends";
import { OverviewControls } from "@/components/overview/overview-controls";
import { SummaryCards } from "@/components/overview/summary-cards";
import { buttonClass } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { requireActor } from "@/lib/auth/session";
import { getOverview, parseOverviewParams } from "@/lib/overview";

export const metadata: Metadata = { title: "Overview" };

export default async function OverviewPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const [actor, search] = await Promise.all([requireActor(), searchParams]);
  const params = parseOverviewParams(search);
  const overview = await getOverview(actor, params);
  const description = overview.scope === "practice" ? "How the whole practice is doing." : "How your caseload is doing.";
  const { totals } = overview;

  if (totals.clients === 0 && totals.assessments === 0 && totals.invitations === 0) {
    return (
      <>
        <PageHeader title="Overview" description={description} />
        <EmptyState
          title="Nothing to summarise yet"
          action={
            <Link href="/clients/new" className={buttonClass("primary")}>
              Add a client
            </Link>
          }
        >
          Once clients complete assessments, this page shows active clients, assessments completed in the last 30 days, how
          many invitations are answered and how quickly, the average of each of the seven dimensions of closeness over time,
          and the clients whose latest assessment shows a reliable deterioration.
        </EmptyState>
      </>
    );
  }

  return (
    <div className="space-y-8">
      <PageHeader title="Overview" description={description} />
      <OverviewControls params={params} />
      <SummaryCards overview={overview} />
      <DimensionTrends overview={overview} />
      <DeteriorationList overview={overview} />
    </div>
  );
}
