import type { Metadata } from "next";
import Link from "next/link";
import { ClientForm } from "@/components/clients/client-form";
import { buttonClass } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/page-header";
import { isOwner } from "@/lib/core/owner";
import { requireActor } from "@/lib/auth/session";
import { listPracticeClinicians } from "@/lib/clients/caseload";
import { createClientAction } from "../actions";
import { languageOptions } from "@/lib/i18n/catalogues";
import { getPracticeSettings } from "@/lib/practices/practices";

export const metadata: Metadata = { title: "New client" };

export default async function NewClientPage() {
  const actor = await requireActor();
  const owner = isOwner(actor);
  const [clinicians, settings] = await Promise.all([owner ? listPracticeClinicians(actor) : null, getPracticeSettings(actor)]);
  // Who will see the record, as the access rule (lib/core/client-access.ts) has it: the owner sees the
  // whole practice, a clinician their own caseload.
  const description = owner
    ? "You, as the practice owner, and the clinician you assign below can see this record."
    : "Only you and your practice owner can see this record.";
  return (
    <>
      <PageHeader
        title="New client"
        description={description}
        actions={
          <Link href="/clients/import" className={buttonClass("secondary")}>
            Import a list (CSV)
          </Link>
        }
      />
      <div className="rounded-lg border border-slate-200 bg-white p-4 sm:p-6">
        <ClientForm
          action={createClientAction}
          clinicians={clinicians}
          languages={languageOptions()}
          submitLabel="Create client"
          cancelHref="/clients"
          initial={{ firstName: "", lastName: "", preferredName: "", email: "", phone: "", dateOfBirth: "", language: settings.language, clinicianId: actor.userId }}
        />
      </div>
    </>
  );
}
