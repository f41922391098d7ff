import type { Metadata } from "next";
import { CoupleForm } from "@/components/couples/couple-form";
import { PageHeader } from "@/components/ui/page-header";
import { isOwner } from "@/lib/core/owner";
import { requireActor } from "@/lib/auth/session";
import { listPracticeClinicians } from "@/lib/clients/caseload";
import { createCoupleAction } from "../actions";
import { languageOptions } from "@/lib/i18n/catalogues";
import { getPracticeSettings } from "@/lib/practices/practices";

export const metadata: Metadata = { title: "New couple" };

export default async function NewCouplePage() {
  const actor = await requireActor();
  const [clinicians, settings] = await Promise.all([isOwner(actor) ? listPracticeClinicians(actor) : null, getPracticeSettings(actor)]);
  return (
    <>
      <PageHeader
        title="New couple"
        description="Both partners at once. Each keeps a private record of their own; the couple's page brings their results together."
      />
      <div className="rounded-lg border border-slate-200 bg-white p-4 sm:p-6">
        <CoupleForm
          action={createCoupleAction}
          clinicians={clinicians}
          defaultClinicianId={actor.userId}
          languages={languageOptions()}
          defaultLanguage={settings.language}
        />
      </div>
    </>
  );
}
