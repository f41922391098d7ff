import Form from "next/form";
import Link from "next/link";
import { buttonClass } from "@/components/ui/button";
import { SubmitOnChangeSelect, UrlInput } from "@/components/ui/url-fields";
import type { CaseloadQuery } from "@/lib/clients/schemas";

/**
 * A GET form: the view lives in the URL, so it can be bookmarked and shared. Enter in the search
 * box sends it, and so does choosing from any of its lists; next/form makes that a client-side
 * navigation, so focus stays where it was. Without JavaScript the Search button sends it.
 */
export function CaseloadToolbar({ query, clinicians }: { query: CaseloadQuery; clinicians: { id: string; name: string; active: boolean }[] | null }) {
  const control = "mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-base sm:text-sm";
  return (
    <Form action="/clients" role="search" aria-label="Filter clients" className="grid gap-3 rounded-lg border border-slate-200 bg-white p-4 sm:grid-cols-2 lg:grid-cols-[1fr_auto_auto_auto_auto_auto] sm:items-end">
      {query.sort !== "name" ? <input type="hidden" name="sort" value={query.sort} /> : null}
      {query.dir !== "asc" ? <input type="hidden" name="dir" value={query.dir} /> : null}
      {query.size !== 25 ? <input type="hidden" name="size" value={query.size} /> : null}
      <div>
        <label htmlFor="q" className="block text-sm font-medium text-slate-800">
          Search by name or email
        </label>
        <UrlInput id="q" name="q" type="search" defaultValue={query.q} className={control} />
      </div>
      <div>
        <label htmlFor="status" className="block text-sm font-medium text-slate-800">
          Status
        </label>
        <SubmitOnChangeSelect id="status" name="status" defaultValue={query.status} className={control}>
          <option value="active">Active</option>
          <option value="archived">Archived</option>
          <option value="all">All</option>
        </SubmitOnChangeSelect>
      </div>
      <div>
        <label htmlFor="kind" className="block text-sm font-medium text-slate-800">
          Show
        </label>
        <SubmitOnChangeSelect id="kind" name="kind" defaultValue={query.kind} className={control}>
          <option value="all">Couples and individuals</option>
          <option value="couples">Couples only</option>
          <option value="individuals">Individuals only</option>
        </SubmitOnChangeSelect>
      </div>
      <div>
        <label htmlFor="plan" className="block text-sm font-medium text-slate-800">
          Measurement plan
        </label>
        <SubmitOnChangeSelect id="plan" name="plan" defaultValue={query.plan} className={control}>
          <option value="all">With or without</option>
          <option value="active">With an active plan</option>
          <option value="none">Without a plan</option>
        </SubmitOnChangeSelect>
      </div>
      {clinicians ? (
        <div>
          <label htmlFor="clinician" className="block text-sm font-medium text-slate-800">
            Clinician
          </label>
          <SubmitOnChangeSelect id="clinician" name="clinician" defaultValue={query.clinician ?? ""} className={control}>
            <option value="">All clinicians</option>
            {clinicians.map((clinician) => (
              <option key={clinician.id} value={clinician.id}>
                {clinician.name}
                {clinician.active ? "" : " (deactivated)"}
              </option>
            ))}
          </SubmitOnChangeSelect>
        </div>
      ) : null}
      <div className="flex gap-2">
        <button type="submit" className={buttonClass("primary")}>
          Search
        </button>
        <Link href="/clients" className={buttonClass("ghost")}>
          Reset
        </Link>
      </div>
    </Form>
  );
}
