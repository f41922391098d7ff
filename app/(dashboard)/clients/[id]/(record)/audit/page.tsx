import { notFound } from "next/navigation";
import { AuditTrail } from "@/components/clients/audit-trail";
import { listClientAudit } from "@/lib/clients/clients";
import { orNotFound } from "@/lib/next/or-not-found";
import { loadClientRecord } from "../load";

/** Who did what to the record: the practice owner's tab (others have no such tab, so 404). */
export default async function ClientAuditPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const { actor, client, owner } = await loadClientRecord(id);
  if (!owner) notFound();
  const audit = await orNotFound(listClientAudit(actor, client.id));
  return <AuditTrail entries={audit} timeZone={actor.practiceTimeZone} />;
}
