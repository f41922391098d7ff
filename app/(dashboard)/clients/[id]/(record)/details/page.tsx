import { PartnerPanel } from "@/components/clients/partner-panel";
import { findPartnerCandidates } from "@/lib/clients/clients";
import { displayName } from "@/lib/core/display-name";
import { formatCalendarDate, formatDate } from "@/lib/core/format";
import { orNotFound } from "@/lib/next/or-not-found";
import { ClientAlertHistory } from "../../../../_record/client-alerts";
import { addPartnerAction, linkPartnerAction, unlinkPartnerAction } from "../../../actions";
import { loadClientRecord } from "../load";
import { languageLabel } from "@/lib/i18n/catalogues";

/** The client's details, their partner (link, unlink, add; `?partnerQuery=` searches) and past alerts. */
export default async function ClientDetailsPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const [{ id }, search] = await Promise.all([params, searchParams]);
  const { actor, client, name, archived, partner } = await loadClientRecord(id);
  const partnerQuery = typeof search.partnerQuery === "string" ? search.partnerQuery.slice(0, 100) : "";
  const candidates = !partner && partnerQuery ? await orNotFound(findPartnerCandidates(actor, client.id, partnerQuery)) : [];
  const tz = actor.practiceTimeZone;
  return (
    <>
      <section aria-labelledby="details-heading" className="rounded-lg border border-slate-200 bg-white p-4 sm:p-6">
        <h2 id="details-heading" className="text-base font-semibold">
          Details
        </h2>
        <dl className="mt-4 grid gap-4 text-sm sm:grid-cols-2 lg:grid-cols-3">
          <Detail label="Email" value={client.email} />
          <Detail label="Phone" value={client.phone ?? "—"} />
          <Detail label="Date of birth" value={formatCalendarDate(client.dateOfBirth)} />
          <Detail label="Preferred name" value={client.preferredName ?? "—"} />
          <Detail label="Language" value={languageLabel(client.language)} />
          <Detail label="Client since" value={formatDate(client.createdAt, tz)} />
          {archived ? <Detail label="Archived on" value={formatDate(client.archivedAt, tz)} /> : null}
        </dl>
      </section>
      <PartnerPanel
        clientId={client.id}
        clientName={name}
        coupleId={client.coupleId}
        clientArchived={archived}
        partner={partner}
        partnerQuery={partnerQuery}
        candidates={candidates.map((candidate) => ({ id: candidate.id, name: displayName(candidate), email: candidate.email }))}
        linkAction={linkPartnerAction}
        unlinkAction={unlinkPartnerAction}
        addPartnerAction={addPartnerAction}
      />
      <ClientAlertHistory actor={actor} clientId={client.id} />
    </>
  );
}

function Detail({ label, value }: { label: string; value: string }) {
  return (
    <div>
      <dt className="text-slate-500">{label}</dt>
      <dd className="mt-0.5 break-words font-medium text-slate-900">{value}</dd>
    </div>
  );
}
