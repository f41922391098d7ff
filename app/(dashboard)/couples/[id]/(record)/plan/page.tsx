import Link from "next/link";
import { PlanList } from "@/components/plans/plan-list";
import { orNotFound } from "@/lib/next/or-not-found";
import { listPlansForCouple } from "@/lib/plans/plans";
import { planWiring } from "../../../../_record/plan-wiring";
import { loadCoupleRecord } from "../load";

/** The plans both partners are in. */
export default async function CouplePlanPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const { actor, couple, sender, sendWithPartner } = await loadCoupleRecord(id);
  const plans = await orNotFound(listPlansForCouple(actor, couple.id));
  const tz = actor.practiceTimeZone;
  return (
    <section aria-labelledby="couple-plans-heading" className="space-y-3">
      <h2 id="couple-plans-heading" className="text-base font-semibold text-slate-900">
        Measurement plans for both partners
      </h2>
      {plans.length > 0 ? (
        <PlanList plans={plans} timeZone={tz} editHref={sender ? (planId) => `/clients/${sender.id}/plan?edit=${planId}` : null} {...planWiring(tz).actions} emailConfigured={planWiring(tz).emailConfigured} />
      ) : null}
      {!plans.some((plan) => plan.status !== "ended") ? (
        sendWithPartner && sender ? (
          <p className="text-sm text-slate-700">
            No plan is running.{" "}
            <Link href={`/clients/${sender.id}/plan`} className="font-medium text-brand-700 hover:underline">
              Start a plan for both partners
            </Link>{" "}
            on {sender.name}&apos;s page: same dates, a private link each.
          </p>
        ) : (
          <p className="text-sm text-slate-600">No plan is running. A plan for both needs both partners active and on your caseload.</p>
        )
      ) : null}
    </section>
  );
}
