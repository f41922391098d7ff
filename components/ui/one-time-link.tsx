"use client";

import { useRef } from "react";
import { useCopy } from "./use-copy";

/**
 * A secret link shown once: selectable, copyable, never stored by the app in readable form.
 * `children` adds ways to hand it over (a QR code, opening it here) inside the same box.
 */
export function OneTimeLink({ link, label = "One-time link", children }: { link: string; label?: string; children?: React.ReactNode }) {
  const { status, copy } = useCopy(link);
  const input = useRef<HTMLInputElement>(null);
  return (
    <div className="mt-2 rounded-md border border-amber-200 bg-amber-50 p-3 text-sm">
      <p className="font-medium text-amber-900">{label} — shown only now</p>
      <div className="mt-2 flex flex-col gap-2 sm:flex-row">
        <input
          ref={input}
          readOnly
          value={link}
          aria-label={label}
          onFocus={(event) => event.currentTarget.select()}
          className="min-w-0 flex-1 rounded border border-amber-300 bg-white px-2 py-1.5 font-mono text-xs"
        />
        <button
          type="button"
          onClick={async () => {
            // No clipboard access (an insecure origin, or permission refused): select it to copy by hand.
            if (!(await copy())) input.current?.select();
          }}
          className="rounded-md border border-amber-300 bg-white px-3 py-1.5 text-sm font-medium text-amber-900 hover:bg-amber-100"
        >
          {status === "copied" ? "Copied" : "Copy link"}
        </button>
      </div>
      <p aria-live="polite" className="mt-1 text-xs text-amber-900 empty:hidden">
        {status === "failed" ? "The link is selected: press Ctrl+C (⌘C on a Mac) to copy it." : ""}
      </p>
      {children}
    </div>
  );
}
