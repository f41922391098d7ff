/**
 * Where an old `?tab=` address of a record page now lives. The client and couple pages were one
 * page switching on `?tab=`; each tab is now its own route (docs/decisions: pages as routes), and
 * bookmarks keep working through this. Other query parameters (a chosen dimension, a plan being
 * edited) travel along. Null when the address has no `tab` (nothing to redirect).
 */
export function legacyTabPath(
  base: string,
  search: Record<string, string | string[] | undefined>,
  routes: Readonly<Record<string, string>>,
): string | null {
  const asked = search.tab;
  if (asked === undefined) return null;
  const tab = Array.isArray(asked) ? asked[0] : asked;
  // An unknown tab showed the first one (the summary): it still does.
  const segment = tab !== undefined && Object.hasOwn(routes, tab) ? routes[tab]! : "";
  const rest = new URLSearchParams();
  for (const [key, value] of Object.entries(search)) {
    if (key === "tab" || value === undefined) continue;
    for (const one of Array.isArray(value) ? value : [value]) rest.append(key, one);
  }
  const query = rest.toString();
  return `${base}${segment ? `/${segment}` : ""}${query ? `?${query}` : ""}`;
}

/** The client page's old tabs and their routes. */
export const CLIENT_TAB_ROUTES = {
  summary: "",
  history: "history",
  links: "links",
  plans: "plan",
  sharing: "sharing",
  details: "details",
  audit: "audit",
} as const;

/** The couple page's old tabs and their routes. */
export const COUPLE_TAB_ROUTES = { summary: "", history: "history", links: "links", plans: "plan", partners: "partners" } as const;
