import { PlansSection } from "@/components/plans/plans-section";
import { orNotFound } from "@/lib/next/or-not-found";
import { listPlansForClient } from "@/lib/plans/plans";
import { planWiring } from "../../../../_record/plan-wiring";
import { loadClientRecord } from "../load";

/** The client's measurement plans; `?edit=<plan>` opens one for changing. */
export default async function ClientPlanPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const [{ id }, search] = await Promise.all([params, searchParams]);
  const { actor, client, name, archived, partner, partnerInvitable } = await loadClientRecord(id);
  const plans = await orNotFound(listPlansForClient(actor, client.id));
  const tz = actor.practiceTimeZone;
  return (
    <PlansSection
      clientId={client.id}
      clientName={name}
      clientArchived={archived}
      partnerName={partnerInvitable ? partner!.name : null}
      plans={plans}
      editing={typeof search.edit === "string" ? search.edit : null}
      timeZone={tz}
      {...planWiring(tz)}
    />
  );
}
