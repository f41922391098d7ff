import type { Metadata } from "next";
import { CoupleForm } from "@/components/couples/couple-form";
import { PageHeader } from "@/components/ui/page-header";
import { isOwner } from "@/lib/core/owner";
import { requireActor } from "@/lib/auth/session";
import { listPracticeClinicians } from "@/lib/clients/caseload";
import { createCoupleAction } from "../actions";

export const metadata: Metadata = { title: "New couple" };

export default async function NewCouplePage() {
  const actor = await requireActor();
  const clinicians = isOwner(actor) ? await listPracticeClinicians(actor) : null;
  return (
    <>
      <PageHeader
        title="New couple"
        description="Both partners at once. Each keeps a private record of their own; the couple's page brings their results together."
      />
      <div className="rounded-lg border border-slate-200 bg-white p-4 sm:p-6">
        <CoupleForm action={createCoupleAction} clinicians={clinicians} defaultClinicianId={actor.userId} />
      </div>
    </>
  );
}
