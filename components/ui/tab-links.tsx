import Link from "next/link";

/**
 * Tabs as links (`?tab=…`): rendered on the server, each tab its own URL, working without
 * JavaScript. The current one is marked with aria-current, as a navigation.
 */
export function TabLinks({ label, tabs, current }: { label: string; tabs: { id: string; label: string; href: string }[]; current: string }) {
  return (
    <nav aria-label={label} className="-mx-4 overflow-x-auto border-b border-slate-200 px-4 sm:mx-0 sm:px-0">
      <ul className="flex gap-1">
        {tabs.map((tab) => {
          const active = tab.id === current;
          return (
            <li key={tab.id}>
              <Link
                href={tab.href}
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
    </nav>
  );
}

/** The tab asked for in the URL, or the first when it is missing or not one of them. */
export function pickTab<T extends string>(value: string | string[] | undefined, tabs: readonly T[]): T {
  const asked = Array.isArray(value) ? value[0] : value;
  return (tabs as readonly string[]).includes(asked ?? "") ? (asked as T) : tabs[0]!;
}
