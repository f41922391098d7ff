import { buttonClass } from "@/components/ui/button";
import { EXPORT_FILES } from "@/lib/export/readme";

/** What the practice export holds, and the link that downloads it (a plain link: the route streams a zip). */
export function PracticeExportPanel() {
  return (
    <section aria-labelledby="export-heading" className="rounded-lg border border-slate-200 bg-white p-4 sm:p-6">
      <h2 id="export-heading" className="text-base font-semibold">
        Export everything
      </h2>
      <p className="mt-1 text-sm text-slate-600">
        One zip file with all of your practice’s data, to keep or to take to another system. It holds clinical records: store it somewhere
        safe. Each download is recorded in the audit trail.
      </p>
      <ul className="mt-3 list-disc space-y-1 pl-5 text-sm text-slate-700">
        {EXPORT_FILES.map((file) => (
          <li key={file.name}>
            <span className="font-mono text-xs">{file.name}</span> — {file.description}
          </li>
        ))}
        <li>
          <span className="font-mono text-xs">README.md</span> — what every column means.
        </li>
      </ul>
      <a href="/api/practice/export" download className={`${buttonClass("primary")} mt-4`}>
        Download the export (zip)
      </a>
    </section>
  );
}
