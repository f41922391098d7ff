import { PlansSection } from "@/components/plans/plans-section";
import { orNotFound } from "@/lib/next/or-not-found";
import { listPlansForCouple } from "@/lib/plans/plans";
import { planWiring } from "../../../../_record/plan-wiring";
import { loadCoupleRecord } from "../load";

/**
 * The couple's measurement plans, and the same plan form as a client's: a plan made here is the
 * couple's (both partners, same dates, a private link each), started from the partner the actor
 * sends from. `?edit=<plan>` opens one for changing; saving returns here.
 */
export default async function CouplePlanPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const [{ id }, search] = await Promise.all([params, searchParams]);
  const { actor, couple, visible, sender, partnerOfSender, sendWithPartner } = await loadCoupleRecord(id);
  const plans = await orNotFound(listPlansForCouple(actor, couple.id));
  const tz = actor.practiceTimeZone;
  const from = sender ?? visible[0]!;
  return (
    <PlansSection
      clientId={from.id}
      coupleId={couple.id}
      clientName={from.name}
      clientArchived={!sender}
      cannotStart={
        sendWithPartner
          ? null
          : sender
            ? `A plan for the couple needs both partners active and on your caseload. A plan for ${sender.name} alone is made on their page.`
            : "Both records you can open are archived. Restore a partner to make a plan."
      }
      partnerName={sendWithPartner ? partnerOfSender!.name : null}
      plans={plans}
      editing={typeof search.edit === "string" ? search.edit : null}
      timeZone={tz}
      {...planWiring(tz)}
    />
  );
}
