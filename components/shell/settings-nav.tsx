import Link from "next/link";

export function SettingsNav({ isOwner, current = "team" }: { isOwner: boolean; current?: "practice" | "team" | "export" }) {
  if (!isOwner) return null;
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
      {item("/settings/team", "Team", current === "team")}
      {item("/settings/export", "Export", current === "export")}
    </nav>
  );
}
