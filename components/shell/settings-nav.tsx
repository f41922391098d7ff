import Link from "next/link";

/** Settings' sections: the practice, the team and the export for the owner; the measures' figures and everyone's own account. */
export function SettingsNav({ isOwner, current = "team" }: { isOwner: boolean; current?: "practice" | "team" | "measures" | "account" | "export" }) {
  const item = (href: string, label: string, active: boolean) => (
    <Link
      href={href}
      aria-current={active ? "page" : undefined}
      className={`rounded-md px-3 py-1.5 text-sm font-medium ${active ? "bg-white text-slate-900 shadow-sm ring-1 ring-slate-200" : "text-slate-600 hover:text-slate-900"}`}
    >
      {label}
    </Link>
  );
  return (
    <nav aria-label="Settings" className="mb-6 inline-flex gap-1 rounded-lg bg-slate-100 p-1">
      {item("/settings", "Practice", current === "practice")}
      {isOwner ? item("/settings/team", "Team", current === "team") : null}
      {isOwner ? item("/settings/export", "Export", current === "export") : null}
      {item("/settings/measures", "Measures", current === "measures")}
      {item("/settings/account", "My account", current === "account")}
    </nav>
  );
}
