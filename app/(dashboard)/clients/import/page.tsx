import type { Metadata } from "next";
import { ImportForm } from "@/components/import/import-form";
import { PageHeader } from "@/components/ui/page-header";
import { isOwner } from "@/lib/core/owner";
import { requireActor } from "@/lib/auth/session";
import { IMPORT_COLUMNS } from "@/lib/import/csv";
import { importClientsAction, previewImportAction } from "./actions";

export const metadata: Metadata = { title: "Import clients" };

export default async function ImportClientsPage() {
  const actor = await requireActor();
  const owner = isOwner(actor);
  return (
    <>
      <PageHeader
        title="Import clients"
        description={
          owner
            ? "Bring a client list from a spreadsheet or another system. Each client goes to the clinician named in the “clinician email” column, or to you."
            : "Bring a client list from a spreadsheet or another system, into your own caseload."
        }
      />
      <div className="mb-6 space-y-2 text-sm text-slate-700">
        <p>
          Columns are matched by their header: {Object.values(IMPORT_COLUMNS).join(", ")}. First name, last name and email are required; dates of birth
          are written YYYY-MM-DD. Two rows that name each other in “partner email” are linked as a couple; a partner email may also be a client
          already in your caseload.
        </p>
        <p>
          {/* A route handler: a plain link downloads it. */}
          <a href="/clients/import/template.csv" className="font-medium text-brand-700 underline" download>
            Download the template (CSV)
          </a>
        </p>
      </div>
      <ImportForm previewAction={previewImportAction} importAction={importClientsAction} />
    </>
  );
}
