import type { Metadata } from "next";
import { ClientForm } from "@/components/clients/client-form";
import { PageHeader } from "@/components/ui/page-header";
import { isOwner } from "@/lib/core/owner";
import { requireActor } from "@/lib/auth/session";
import { listPracticeClinicians } from "@/lib/clients/caseload";
import { getClient } from "@/lib/clients/clients";
import { displayName } from "@/lib/core/display-name";
import { orNotFound } from "@/lib/next/or-not-found";
import { updateClientAction } from "../../actions";
import { languageOptions } from "@/lib/i18n/catalogues";

export const metadata: Metadata = { title: "Edit client" };

export default async function EditClientPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const actor = await requireActor();
  const client = await orNotFound(getClient(actor, id));
  const clinicians = isOwner(actor) ? await listPracticeClinicians(actor) : null;
  return (
    <>
      <PageHeader title={`Edit ${displayName(client)}`} />
      <div className="rounded-lg border border-slate-200 bg-white p-4 sm:p-6">
        <ClientForm
          action={updateClientAction}
          clinicians={clinicians}
          languages={languageOptions()}
          submitLabel="Save changes"
          cancelHref={`/clients/${client.id}`}
          initial={{
            clientId: client.id,
            firstName: client.firstName,
            lastName: client.lastName,
            preferredName: client.preferredName ?? "",
            email: client.email,
            phone: client.phone ?? "",
            dateOfBirth: client.dateOfBirth ?? "",
            language: client.language,
            clinicianId: client.clinicianId,
          }}
        />
      </div>
    </>
  );
}
