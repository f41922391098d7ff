"use client";

import Link from "next/link";
import { useActionState, useState } from "react";
import { useFormStatus } from "react-dom";
import type { ActionResult } from "@/lib/core/action-result";
import type { ImportPreview, ImportResult } from "@/lib/import/import";
import type { PreviewRow } from "@/lib/import/plan";
import { Badge } from "@/components/ui/badge";
import { buttonClass } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/form-message";
import { SubmitButton } from "@/components/ui/submit-button";
import { Cell, ColumnHeader, RowHeader, Table, TableBody, TableCaption, TableFrame, TableHead, TableRow } from "@/components/ui/table";

type PreviewAction = (state: ActionResult<{ preview: ImportPreview }> | null, formData: FormData) => Promise<ActionResult<{ preview: ImportPreview }>>;
type ImportAction = (state: ActionResult<{ result: ImportResult }> | null, formData: FormData) => Promise<ActionResult<{ result: ImportResult }>>;

const MAX_BYTES = 5 * 1024 * 1024;

/** Honest progress: the work happens in one request, so the bar says "working", not a made-up percentage. */
function Pending({ label }: { label: string }) {
  const { pending } = useFormStatus();
  if (!pending) return null;
  return (
    <div role="status" className="flex items-center gap-3 text-sm text-slate-700">
      <progress aria-label={label} className="h-2 w-40 overflow-hidden rounded accent-brand-600" />
      <span>{label}</span>
    </div>
  );
}

const OUTCOME: Record<PreviewRow["status"], { tone: "green" | "amber" | "red"; label: string }> = {
  new: { tone: "green", label: "New" },
  duplicate: { tone: "amber", label: "Duplicate" },
  invalid: { tone: "red", label: "Invalid" },
};

function plural(n: number, one: string, many: string) {
  return `${n.toLocaleString("en")} ${n === 1 ? one : many}`;
}

function PreviewTable({ preview }: { preview: ImportPreview }) {
  const { counts, rows } = preview;
  return (
    <TableFrame label="Import preview" surface="card">
      <Table className="text-sm">
        <TableCaption>
          Import preview: what happens to each row{rows.length < counts.rows ? ` (the first ${rows.length.toLocaleString("en")} rows, problems first)` : ""}
        </TableCaption>
        <TableHead>
          <tr>
            <ColumnHeader numeric className="px-3 py-2">
              Line
            </ColumnHeader>
            <ColumnHeader className="px-3 py-2">Name</ColumnHeader>
            <ColumnHeader className="px-3 py-2">Email</ColumnHeader>
            <ColumnHeader className="px-3 py-2">Outcome</ColumnHeader>
            <ColumnHeader className="px-3 py-2">Details</ColumnHeader>
          </tr>
        </TableHead>
        <TableBody>
          {rows.map((row) => (
            <TableRow key={row.line}>
              <Cell numeric className="px-3 py-2">
                {row.line}
              </Cell>
              <RowHeader className="whitespace-nowrap px-3 py-2 font-medium text-slate-900">{row.name || "—"}</RowHeader>
              <Cell className="whitespace-nowrap px-3 py-2">{row.email || "—"}</Cell>
              <Cell className="px-3 py-2">
                <Badge tone={OUTCOME[row.status].tone}>{OUTCOME[row.status].label}</Badge>
              </Cell>
              <Cell className="min-w-64 px-3 py-2 text-slate-700">
                {row.status === "new" ? (row.partner ? `Linked as a couple with ${row.partner}` : "Imported") : row.reasons.join(" ")}
                {row.warnings.length ? <span className="block text-amber-800">{row.warnings.join(" ")}</span> : null}
              </Cell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </TableFrame>
  );
}

function ConfirmImport({ preview, action }: { preview: ImportPreview; action: ImportAction }) {
  const [state, formAction] = useActionState(action, null);
  const { counts } = preview;
  if (state?.ok) {
    return (
      <div className="space-y-3">
        <FormMessage state={state} />
        <Link href="/clients" className={buttonClass("primary")}>
          Open the caseload
        </Link>
      </div>
    );
  }
  return (
    <form action={formAction} className="space-y-3">
      <input type="hidden" name="sealed" value={preview.sealed} />
      <FormMessage state={state} />
      {counts.new > 0 ? (
        <div className="flex flex-wrap items-center gap-4">
          <SubmitButton pendingLabel="Importing…">Import {plural(counts.new, "client", "clients")}</SubmitButton>
          <Pending label={`Importing ${plural(counts.new, "client", "clients")}…`} />
        </div>
      ) : (
        <p className="text-sm text-slate-700">No row of this file can be imported. Correct the file and upload it again.</p>
      )}
    </form>
  );
}

export function ImportForm({ previewAction, importAction }: { previewAction: PreviewAction; importAction: ImportAction }) {
  const [state, formAction] = useActionState(previewAction, null);
  const [tooLarge, setTooLarge] = useState<string | null>(null);
  const serverError = state && !state.ok ? state.fieldErrors?.file?.[0] : undefined;
  const fileError = tooLarge ?? serverError;
  const preview = state?.ok ? state.preview : null;

  return (
    <div className="space-y-6">
      <form
        action={formAction}
        noValidate
        className="space-y-4 rounded-lg border border-slate-200 bg-white p-4 sm:p-6"
        onSubmit={(event) => {
          // Refused here, before the upload: the server refuses it too, without reading it.
          if (tooLarge) event.preventDefault();
        }}
      >
        {state && !state.ok && !serverError ? <FormMessage state={state} /> : null}
        <div>
          <label htmlFor="file" className="block text-sm font-medium text-slate-800">
            Client list (CSV)
          </label>
          <input
            id="file"
            name="file"
            type="file"
            accept=".csv,text/csv"
            required
            aria-invalid={fileError ? true : undefined}
            aria-describedby={fileError ? "file-hint file-error" : "file-hint"}
            onChange={(event) => {
              const file = event.currentTarget.files?.[0];
              setTooLarge(
                file && file.size > MAX_BYTES
                  ? `The file is ${(file.size / 1024 / 1024).toFixed(1)} MB; the limit is 5 MB (about 10,000 clients). Split it into smaller files.`
                  : null,
              );
            }}
            className="mt-1 block w-full text-sm text-slate-700 file:mr-3 file:rounded-md file:border file:border-slate-300 file:bg-white file:px-3 file:py-2 file:text-sm file:font-medium file:text-slate-800 hover:file:bg-slate-50"
          />
          <p id="file-hint" className="mt-1 text-sm text-slate-500">
            UTF-8, comma- or semicolon-separated, up to 5 MB and 10,000 clients. Nothing is imported until you confirm the preview.
          </p>
          {fileError ? (
            <p id="file-error" className="mt-1 text-sm font-medium text-red-700">
              {fileError}
            </p>
          ) : null}
        </div>
        <div className="flex flex-wrap items-center gap-4">
          <SubmitButton pendingLabel="Reading the file…">Preview import</SubmitButton>
          <Pending label="Reading and checking the file…" />
        </div>
      </form>

      {preview ? (
        <section aria-labelledby="preview-heading" className="space-y-4">
          <div>
            <h2 id="preview-heading" className="text-lg font-semibold text-slate-900">
              Preview
            </h2>
            <p className="mt-1 text-sm text-slate-700">
              {plural(preview.counts.rows, "row", "rows")}: {plural(preview.counts.new, "new client", "new clients")}
              {preview.counts.couples ? ` (${plural(preview.counts.couples, "couple", "couples")})` : ""},{" "}
              {plural(preview.counts.duplicate, "duplicate", "duplicates")} and {preview.counts.invalid.toLocaleString("en")} invalid, which are left out.
            </p>
          </div>
          <PreviewTable preview={preview} />
          <ConfirmImport key={preview.sealed} preview={preview} action={importAction} />
        </section>
      ) : null}
    </div>
  );
}
