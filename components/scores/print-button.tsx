"use client";

import { buttonClass } from "@/components/ui/button";

/** Opens the browser's print dialog, where "Save as PDF" is one of the destinations. */
export function PrintButton() {
  return (
    <button type="button" onClick={() => window.print()} className={buttonClass("primary")} data-print="hide">
      <svg aria-hidden width="16" height="16" viewBox="0 0 16 16" fill="none" stroke="currentColor" strokeWidth="1.5">
        <path d="M4 6V1.5h8V6M4 12H2.5A1 1 0 0 1 1.5 11V7a1 1 0 0 1 1-1h11a1 1 0 0 1 1 1v4a1 1 0 0 1-1 1H12" />
        <path d="M4 9.5h8v5H4z" />
      </svg>
      Print or save as PDF
    </button>
  );
}
