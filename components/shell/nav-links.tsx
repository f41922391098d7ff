"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";

const LINKS: { href: string; label: string; also?: string }[] = [
  // A couple's pages belong to the caseload.
  { href: "/clients", label: "Clients", also: "/couples" },
  { href: "/overview", label: "Overview" },
  { href: "/settings", label: "Settings" },
];

export function NavLinks() {
  const pathname = usePathname();
  return (
    <ul className="flex gap-1">
      {LINKS.map((link) => {
        const current = [link.href, link.also].some((href) => href && (pathname === href || pathname.startsWith(`${href}/`)));
        return (
          <li key={link.href}>
            <Link
              href={link.href}
              aria-current={current ? "page" : undefined}
              className={`block rounded-md px-3 py-2 text-sm font-medium ${
                current ? "bg-brand-50 text-brand-800" : "text-slate-600 hover:bg-slate-100 hover:text-slate-900"
              }`}
            >
              {link.label}
            </Link>
          </li>
        );
      })}
    </ul>
  );
}
