"use client";

import Link from "next/link";
import { useSelectedLayoutSegment } from "next/navigation";

export type RouteTab = { /** The route's folder under the layout; null for the layout's own page. */ segment: string | null; label: string };

/**
 * A layout's tab bar: one route per tab (docs/decisions: pages as routes). The current tab is
 * the layout's selected child segment, so the server-rendered HTML marks it too (no JavaScript
 * needed). Scrolls sideways on a phone, with a fade on the right saying there is more.
 */
export function RouteTabs({ label, base, tabs }: { label: string; base: string; tabs: readonly RouteTab[] }) {
  const selected = useSelectedLayoutSegment();
  const current = tabs.find((tab) => tab.segment === selected)?.segment ?? null;
  return (
    <nav aria-label={label} className="relative -mx-4 border-b border-slate-200 sm:mx-0">
      <ul className="flex gap-1 overflow-x-auto pl-4 pr-14 sm:px-0">
        {tabs.map((tab) => {
          const active = tab.segment === current;
          return (
            <li key={tab.segment ?? ""}>
              <Link
                href={tab.segment ? `${base}/${tab.segment}` : base}
                aria-current={active ? "page" : undefined}
                scroll={false}
                className={`-mb-px block whitespace-nowrap border-b-2 px-3 py-2 text-sm font-medium ${
                  active ? "border-brand-600 text-brand-800" : "border-transparent text-slate-600 hover:border-slate-300 hover:text-slate-900"
                }`}
              >
                {tab.label}
              </Link>
            </li>
          );
        })}
      </ul>
      <span aria-hidden className="pointer-events-none absolute inset-y-0 right-0 flex w-14 items-center justify-end bg-gradient-to-l from-slate-50 via-slate-50/90 pr-1 text-lg leading-none text-slate-500 sm:hidden">›</span>
    </nav>
  );
}

/** Shows its children on every tab of a layout but the ones named (a form the tab itself carries). */
export function HiddenOnTabs({ segments, children }: { segments: readonly string[]; children: React.ReactNode }) {
  const selected = useSelectedLayoutSegment();
  return selected && segments.includes(selected) ? null : <>{children}</>;
}
