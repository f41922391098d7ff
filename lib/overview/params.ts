/** The overview's view, as it lives in the URL: `?range=3|6|12|all&by=week|month`. Pure, for pages and components. */

export const OVERVIEW_RANGES = ["3", "6", "12", "all"] as const;
export type OverviewRange = (typeof OVERVIEW_RANGES)[number];
export const OVERVIEW_GRANULARITIES = ["week", "month"] as const;
export type OverviewGranularity = (typeof OVERVIEW_GRANULARITIES)[number];

export type OverviewParams = { range: OverviewRange; granularity: OverviewGranularity };
const DEFAULT_OVERVIEW_PARAMS: OverviewParams = { range: "6", granularity: "month" };

const isOneOf = <T extends string>(values: readonly T[], value: unknown): value is T =>
  typeof value === "string" && (values as readonly string[]).includes(value);

/**
 * Reads the view from search params. Anything else — missing, repeated, misspelt — falls back to
 * the default (6 months, by month) rather than erroring: an old bookmark should still open the page.
 */
export function parseOverviewParams(search: Readonly<Record<string, string | string[] | undefined>>): OverviewParams {
  return {
    range: isOneOf(OVERVIEW_RANGES, search.range) ? search.range : DEFAULT_OVERVIEW_PARAMS.range,
    granularity: isOneOf(OVERVIEW_GRANULARITIES, search.by) ? search.by : DEFAULT_OVERVIEW_PARAMS.granularity,
  };
}

/** The URL of a view; defaults are left out so the plain `/overview` is the default view. */
export function overviewHref(params: OverviewParams): string {
  const search = new URLSearchParams();
  if (params.range !== DEFAULT_OVERVIEW_PARAMS.range) search.set("range", params.range);
  if (params.granularity !== DEFAULT_OVERVIEW_PARAMS.granularity) search.set("by", params.granularity);
  const query = search.toString();
  return query ? `/overview?${query}` : "/overview";
}
