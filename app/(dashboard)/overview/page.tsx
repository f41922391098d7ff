import type { Metadata } from "next";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { requireActor } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Overview" };

export default async function OverviewPage() {
  const actor = await requireActor();
  return (
    <>
      <PageHeader
        title="Overview"
        description={actor.role === "owner" ? "How the whole practice is doing." : "How your caseload is doing."}
      />
      <EmptyState title="Nothing to summarise yet">
        Once clients complete assessments, this page shows active clients, assessments completed in the last 30 days,
        how many invitations are answered and how quickly, the average of each of the seven dimensions of closeness
        over time, and the clients whose latest assessment shows a reliable deterioration.
      </EmptyState>
    </>
  );
}
