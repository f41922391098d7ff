import type { Metadata } from "next";
import Link from "next/link";
import { CaseloadTable } from "@/components/clients/caseload-table";
import { CaseloadToolbar } from "@/components/clients/caseload-toolbar";
import { Pagination } from "@/components/clients/pagination";
import { buttonClass } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { isOwner } from "@/lib/core/owner";
import { requireActor } from "@/lib/auth/session";
import { listCaseload, listPracticeClinicians, type CaseloadPerson } from "@/lib/clients/caseload";
import { displayName } from "@/lib/core/display-name";
import { parseCaseloadQuery } from "@/lib/clients/schemas";
import { SCORE_DIMENSIONS } from "@/lib/scores/score-summary";
import { OpenAlerts } from "../../open-alerts";

export const metadata: Metadata = { title: "Clients" };

const DIMENSION_LABEL = new Map(SCORE_DIMENSIONS.map((d) => [d.key as string, d.label]));

/** A caseload person as it crosses to the browser: display name, ISO dates. */
function person(row: CaseloadPerson) {
  return {
    id: row.id,
    name: displayName(row),
    email: row.email,
    status: row.status,
    clinicianName: row.clinicianName,
    lastAssessmentAt: row.lastAssessmentAt ? new Date(row.lastAssessmentAt).toISOString() : null,
    latestOverall: row.latestOverall === null ? null : Number(row.latestOverall),
    pendingInvitations: row.pendingInvitations,
    planStatus: row.planStatus,
  };
}

export default async function ClientsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireActor();
  const query = parseCaseloadQuery(await searchParams);
  const owner = isOwner(actor);
  const [caseload, clinicians] = await Promise.all([listCaseload(actor, query), owner ? listPracticeClinicians(actor, { includeInactive: true }) : null]);
  const filtered = Boolean(query.q || query.clinician || query.status !== "active" || query.kind !== "all" || query.plan !== "all");
  const newClient = (
    <>
      <Link href="/couples/new" className={buttonClass("primary")}>
        New couple
      </Link>
      <Link href="/clients/new" className={buttonClass("secondary")}>
        New client
      </Link>
      <Link href="/clients/import" className={buttonClass("secondary")}>
        Import a list
      </Link>
    </>
  );

  return (
    <>
      <OpenAlerts actor={actor} />
      <PageHeader title="Clients" description={owner ? "Every client of your practice." : "Your caseload."} actions={newClient} />
      {caseload.total === 0 && !filtered ? (
        <EmptyState title="No clients yet" action={newClient}>
          Your caseload will appear here: couples as one row with the gap between the partners, people seen on their own, each with
          their last assessment date, latest overall closeness score and any links still waiting for an answer.
        </EmptyState>
      ) : (
        <div className="space-y-4">
          <CaseloadToolbar query={query} clinicians={clinicians} />
          {caseload.total === 0 ? (
            <EmptyState title="No clients match this view">Try another search, or show archived clients too.</EmptyState>
          ) : (
            <>
              <CaseloadTable
                rows={caseload.rows.map((row) => ({
                  ...person(row),
                  coupleId: row.coupleId,
                  partnerId: row.partnerId,
                  partnerName: row.partnerName,
                  partner: row.partner ? person(row.partner) : null,
                  gap: row.gap ? { points: row.gap.points, label: DIMENSION_LABEL.get(row.gap.dimension) ?? row.gap.dimension, flagged: row.gap.flagged } : null,
                }))}
                query={caseload.query}
                total={caseload.total}
                showClinician={owner}
                timeZone={actor.practiceTimeZone}
              />
              <Pagination query={caseload.query} total={caseload.total} exact={caseload.totalExact} pageCount={caseload.pageCount} />
            </>
          )}
        </div>
      )}
    </>
  );
}
