import type { Metadata } from "next";
import { ClientForm } from "@/components/clients/client-form";
import { PageHeader } from "@/components/ui/page-header";
import { isOwner } from "@/lib/auth/owner";
import { requireActor } from "@/lib/auth/session";
import { listPracticeClinicians } from "@/lib/clients/caseload";
import { createClientAction } from "../actions";

export const metadata: Metadata = { title: "New client" };

export default async function NewClientPage() {
  const actor = await requireActor();
  const clinicians = isOwner(actor) ? await listPracticeClinicians(actor) : null;
  return (
    <>
      <PageHeader title="New client" description="Only you and your practice owner can see this record." />
      <div className="rounded-lg border border-slate-200 bg-white p-4 sm:p-6">
        <ClientForm
          action={createClientAction}
          clinicians={clinicians}
          submitLabel="Create client"
          cancelHref="/clients"
          initial={{ firstName: "", lastName: "", preferredName: "", email: "", phone: "", dateOfBirth: "", clinicianId: actor.userId }}
        />
      </div>
    </>
  );
}
