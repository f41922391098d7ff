"use client";

import { useState } from "react";

/**
 * "Send questionnaires": one line above the summary that opens the send form (issue 23). A native
 * <details>, so it opens without JavaScript; `defaultOpen` only sets how it starts, so a re-render
 * after sending never closes it over the new links.
 */
export function SendDisclosure({ defaultOpen, children }: { defaultOpen: boolean; children: React.ReactNode }) {
  const [open, setOpen] = useState(defaultOpen);
  return (
    <details open={open} onToggle={(event) => setOpen(event.currentTarget.open)} className="group">
      <summary className="inline-flex cursor-pointer list-none items-center gap-2 rounded-md bg-brand-700 px-4 py-2 text-sm font-semibold text-white hover:bg-brand-800 [&::-webkit-details-marker]:hidden">
        Send questionnaires
        <span aria-hidden className="text-xs transition-transform group-open:rotate-180">
          ▾
        </span>
      </summary>
      <div className="mt-3">{children}</div>
    </details>
  );
}
