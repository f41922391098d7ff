"use client";

import { useCopy } from "@/components/ui/use-copy";

/**
 * The recovery codes, shown once: as a list, copyable in one go, and downloadable as a .txt file
 * (a data link, so the download works with JavaScript off too). Nothing is kept by the page.
 */
export function RecoveryCodes({ codes, accountEmail }: { codes: readonly string[]; accountEmail?: string }) {
  const text = recoveryCodesText(codes, accountEmail);
  const { status, copy } = useCopy(text);
  return (
    <div className="space-y-3">
      <ol aria-label="Recovery codes" className="grid grid-cols-2 gap-2 rounded-md border border-slate-200 bg-slate-50 p-4 font-mono text-sm text-slate-900">
        {codes.map((code) => (
          <li key={code}>{code}</li>
        ))}
      </ol>
      <div className="flex flex-wrap gap-2">
        <button
          type="button"
          onClick={copy}
          className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-800 hover:bg-slate-50"
        >
          {status === "copied" ? "Copied" : "Copy the codes"}
        </button>
        <a
          href={`data:text/plain;charset=utf-8,${encodeURIComponent(text)}`}
          download="attune-recovery-codes.txt"
          className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-800 hover:bg-slate-50"
        >
          Download as a text file
        </a>
      </div>
      <p aria-live="polite" className="text-xs text-slate-600 empty:hidden">
        {status === "failed" ? "Copying is not allowed here: select the codes above and copy them, or download the file." : ""}
      </p>
    </div>
  );
}

/** What the copy and the file hold: the codes, one a line, with what they are for. */
export function recoveryCodesText(codes: readonly string[], accountEmail?: string): string {
  return [
    `Attune recovery codes${accountEmail ? ` for ${accountEmail}` : ""}`,
    "Each code signs you in once instead of a code from your authenticator app. Keep them somewhere safe.",
    "",
    ...codes,
    "",
  ].join("\n");
}
