import { translatorFor } from "@/lib/i18n/catalogues";
import type { Band } from "@/lib/instruments";
import type { ScoreDimension } from "@/lib/scores/score-summary";
import type { ClientDimension, CoupleResults, Highlight, ProfileView, ResultsView } from "./results-view";

/*
 * A client's results in the client's language. results-view.ts writes them in English (the words
 * the clinician's preview shows, from lib/instruments/vocabulary.ts); for a client reading another
 * language the same view is re-worded here from the catalogue's `report` namespace — the numbers,
 * bands and choices stay exactly as they were, only the words change. English is returned as is.
 */

type Translate = ReturnType<typeof translatorFor>;

function format(t: Translate, score: number): string {
  // The client's decimal mark ("62,5"), one decimal as everywhere.
  return new Intl.NumberFormat(String(t("language.dateLocale")), { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(score);
}

function dimensionWords(t: Translate, key: ScoreDimension, field: "label" | "meaning" | "strength" | "grow"): string {
  return String(t(`report.dimensions.${key}.${field}`));
}

function bandWords(t: Translate, band: Band, field: "name" | "forClient"): string {
  return String(t(`report.bands.${band}.${field}`));
}

function movement(t: Translate, change: number, clear: boolean): string {
  if (change === 0) return String(t("report.movementSame"));
  const words = String(t(change > 0 ? "report.movementUp" : "report.movementDown", { points: format(t, Math.abs(change)) }));
  return clear ? `${words}${String(t("report.clearChange"))}` : words;
}

function dimension(t: Translate, d: ClientDimension): ClientDimension {
  return {
    ...d,
    label: dimensionWords(t, d.key, "label"),
    meaning: dimensionWords(t, d.key, "meaning"),
    level: bandWords(t, d.bandKey, "name"),
    levelWords: bandWords(t, d.bandKey, "forClient"),
    sinceFirst: d.sinceFirst ? { ...d.sinceFirst, words: movement(t, d.sinceFirst.change, d.sinceFirst.clear) } : null,
  };
}

function highlight(t: Translate, item: Highlight, kind: "strength" | "grow"): Highlight {
  return { ...item, label: dimensionWords(t, item.key, "label"), meaning: dimensionWords(t, item.key, "meaning"), words: dimensionWords(t, item.key, kind) };
}

function profile(t: Translate, view: ProfileView): ProfileView {
  return {
    ...view,
    dimensions: view.dimensions.map((d) => dimension(t, d)),
    strengths: view.strengths.map((item) => highlight(t, item, "strength")),
    growthAreas: view.growthAreas.map((item) => highlight(t, item, "grow")),
  };
}

function couple(t: Translate, results: CoupleResults): CoupleResults {
  if (results.kind !== "shared") return results;
  return {
    ...results,
    partner: results.partner ? profile(t, results.partner) : null,
    differences:
      results.differences?.map((d) => {
        const label = dimensionWords(t, d.key, "label");
        return { ...d, label, words: String(t("report.difference", { dimension: label.toLowerCase(), gap: format(t, d.gap) })) };
      }) ?? null,
  };
}

export function resultsViewIn(view: ResultsView, locale: string): ResultsView {
  if (locale === "en") return view;
  const t = translatorFor(locale);
  return { ...view, own: profile(t, view.own), couple: couple(t, view.couple) };
}
