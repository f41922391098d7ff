"use client";

import { useCopy } from "@/components/ui/use-copy";

/**
 * "Copy summary": the plain-text summary (built by lib/scores/session-summary.ts) onto the clipboard for a
 * progress note. Without JavaScript, or where the clipboard is refused, the same text is in the
 * disclosure below the button to select by hand.
 */
export function CopySummary({ text }: { text: string }) {
  const { status, copy } = useCopy(text);
  return (
    <div className="text-sm">
      <button
        type="button"
        onClick={copy}
        className="inline-flex items-center gap-2 rounded-md border border-slate-300 bg-white px-3 py-1.5 font-medium text-slate-800 hover:bg-slate-50"
      >
        <svg aria-hidden width="14" height="14" viewBox="0 0 16 16" className="shrink-0">
          <rect x="5" y="5" width="9" height="9" rx="1.5" fill="none" stroke="currentColor" strokeWidth="1.5" />
          <path d="M3 11V3.5A1.5 1.5 0 0 1 4.5 2H11" fill="none" stroke="currentColor" strokeWidth="1.5" />
        </svg>
        Copy summary
      </button>
      <span role="status" className="ml-2 text-slate-600">
        {status === "copied" ? "Copied: paste it into your note." : status === "failed" ? "Could not copy; select the text below instead." : ""}
      </span>
      <details className="mt-2" open={status === "failed" || undefined}>
        <summary className="cursor-pointer text-brand-700">Summary as text</summary>
        {/* Focusable: a long summary scrolls inside it, and a keyboard must reach what is below. */}
        <pre tabIndex={0} className="mt-2 max-h-72 overflow-auto whitespace-pre-wrap rounded-md border border-slate-200 bg-slate-50 p-3 font-sans text-xs text-slate-800">{text}</pre>
      </details>
    </div>
  );
}
