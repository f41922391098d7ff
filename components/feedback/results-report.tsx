import { useTranslations } from "next-intl";
import { formatDate } from "@/lib/core/format";
import type { Band } from "@/lib/instruments";
import type { Highlight, ProfileView, ResultsView } from "@/lib/feedback/results-view";

/*
 * A client's results as they see them: on their results link, under the thank-you message, and —
 * the very same component with the very same data — in the clinician's preview. Server-rendered
 * HTML only (no script): bars are drawn with widths and each has its number and words beside it,
 * so the chart reads the same to a screen reader, on paper and without JavaScript. Its words come
 * from the catalogue (`report`), in the reader's language; the view's own words are already in it
 * (lib/feedback/results-words.ts). English is word for word the vocabulary of lib/instruments.
 */

type Words = ReturnType<typeof useTranslations<"report">>;

/** Dates and one-decimal scores in the reader's language ("7 Dec 2026", "62.5"; "7 dic 2026", "62,5"). */
function useLocalFormats() {
  const locale = String(useTranslations()("language.dateLocale"));
  return {
    date: (value: string | Date, timeZone: string) =>
      locale === "en-GB" ? formatDate(value, timeZone) : new Intl.DateTimeFormat(locale, { day: "numeric", month: "short", year: "numeric", timeZone }).format(new Date(value)),
    score: (value: number) => (locale === "en-GB" ? value.toFixed(1) : new Intl.NumberFormat(locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(value)),
  };
}

const LEVEL_COLOUR: Record<Band, string> = {
  strength: "bg-emerald-600",
  developing: "bg-sky-600",
  growth: "bg-amber-500",
};

function ProfileBars({ profile, caption, idPrefix, movement = true }: { profile: ProfileView; caption: string; idPrefix: string; movement?: boolean }) {
  const t = useTranslations("report");
  const formats = useLocalFormats();
  return (
    <figure data-print="section" aria-labelledby={`${idPrefix}-caption`}>
      <figcaption id={`${idPrefix}-caption`} className="text-sm font-medium text-slate-700">
        {caption}
      </figcaption>
      <ul className="mt-3 space-y-3">
        {profile.dimensions.map((d) => (
          <li key={d.key} className="text-sm">
            <div className="flex flex-wrap items-baseline justify-between gap-x-3">
              <span className="font-semibold text-slate-900">{d.label}</span>
              <span className="text-slate-700">
                {t("ofHundred", { score: formats.score(d.score) })} · <span title={d.levelWords}>{d.level}</span>
              </span>
            </div>
            <div aria-hidden="true" className="mt-1 h-2.5 w-full rounded-full bg-slate-100">
              <div className={`h-2.5 rounded-full ${LEVEL_COLOUR[d.bandKey]}`} style={{ width: `${Math.max(2, Math.min(100, d.score))}%` }} />
            </div>
            {movement && d.sinceFirst ? <p className="mt-1 text-slate-600">{d.sinceFirst.words}</p> : null}
          </li>
        ))}
      </ul>
    </figure>
  );
}

function Highlights({ title, items, empty }: { title: string; items: Highlight[]; empty: string }) {
  return (
    <div data-print="section" className="rounded-xl border border-slate-200 p-4">
      <h3 className="text-base font-semibold text-slate-900">{title}</h3>
      {items.length === 0 ? (
        <p className="mt-2 text-sm text-slate-700">{empty}</p>
      ) : (
        <ul className="mt-2 space-y-3 text-sm">
          {items.map((item) => (
            <li key={item.key}>
              <p className="font-semibold text-slate-900">{item.label}</p>
              <p className="text-slate-700">{item.meaning}</p>
              <p className="mt-0.5 text-slate-900">{item.words}</p>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function latestLine(t: Words, date: (value: string, timeZone: string) => string, profile: ProfileView, timeZone: string, who: "you" | "partner"): string {
  const latest = date(profile.latestAt, timeZone);
  if (who === "partner") return t("latestPartner", { date: latest });
  return profile.firstAt ? t("latestYouCompared", { date: latest, first: date(profile.firstAt, timeZone) }) : t("latestYou", { date: latest });
}

export function ResultsReport({ view }: { view: ResultsView }) {
  const { own, couple, timeZone } = view;
  const t = useTranslations("report");
  const { date } = useLocalFormats();
  return (
    <div className="space-y-6" data-testid="results-report">
      <section aria-labelledby="results-heading" className="rounded-2xl border border-slate-200 bg-white px-5 py-6 shadow-sm sm:px-8">
        <h2 id="results-heading" className="text-xl font-semibold tracking-tight text-slate-900">
          {t("profileTitle")}
        </h2>
        <p className="mt-2 text-sm text-slate-600">{latestLine(t, date, own, timeZone, "you")}</p>
        <p className="mt-3 rounded-lg bg-brand-50 p-3 text-sm text-slate-800">{t("notADiagnosis")}</p>
        <div className="mt-5">
          <ProfileBars profile={own} caption={t("caption")} idPrefix="own" />
        </div>
        <div className="mt-6 grid gap-4 sm:grid-cols-2">
          <Highlights title={t("yourStrengths")} items={own.strengths} empty="" />
          <Highlights title={t("yourGrowthAreas")} items={own.growthAreas} empty={t("allStrengths")} />
        </div>
        <BandKey />
      </section>

      {couple.kind === "shared" ? (
        <section aria-labelledby="couple-heading" className="rounded-2xl border border-slate-200 bg-white px-5 py-6 shadow-sm sm:px-8">
          <h2 id="couple-heading" className="text-xl font-semibold tracking-tight text-slate-900">
            {t("togetherTitle")}
          </h2>
          <p className="mt-2 text-sm text-slate-600">{t("togetherShared")}</p>
          {couple.partner ? (
            <div className="mt-5">
              <SideBySide own={own} partner={couple.partner} />
              <p className="mt-2 text-xs text-slate-600">{latestLine(t, date, couple.partner, timeZone, "partner")}</p>
            </div>
          ) : (
            <div className="mt-5 space-y-3">
              <ProfileBars profile={own} caption={t("you")} idPrefix="couple-you" movement={false} />
              <p className="text-sm text-slate-700">{t("partnerNone")}</p>
            </div>
          )}
          <div data-print="section" className="mt-6 rounded-xl bg-slate-50 p-4">
            <h3 className="text-base font-semibold text-slate-900">{t("differentTitle")}</h3>
            {couple.differences === null ? (
              <p className="mt-2 text-sm text-slate-700">{t("differencesApart")}</p>
            ) : couple.differences.length === 0 ? (
              <p className="mt-2 text-sm text-slate-700">{t("differencesNone")}</p>
            ) : (
              <ul className="mt-2 list-disc space-y-1 pl-5 text-sm text-slate-800">
                {couple.differences.map((d) => (
                  <li key={d.key}>{d.words}</li>
                ))}
              </ul>
            )}
            <p className="mt-3 text-sm text-slate-600">{t("differentCommon")}</p>
          </div>
        </section>
      ) : null}
    </div>
  );
}

/** The three bands by their one name, with what each means for the client. */
function BandKey() {
  const t = useTranslations("report");
  return (
    <dl data-print="section" className="mt-4 grid gap-x-4 gap-y-1 text-xs text-slate-600 sm:grid-cols-3">
      {(["strength", "developing", "growth"] as const).map((band) => (
        <div key={band} className="flex items-start gap-2">
          <span aria-hidden className={`mt-1 h-2 w-2 shrink-0 rounded-full ${LEVEL_COLOUR[band]}`} />
          <div>
            <dt className="inline font-semibold text-slate-800">{t(`bands.${band}.name`)}</dt>{" "}
            <dd className="inline">
              ({t(`bands.${band}.range`)}): {t(`bands.${band}.forClient`)}
            </dd>
          </div>
        </div>
      ))}
    </dl>
  );
}

/**
 * Both profiles per part of closeness, "You" and "Your partner" side by side on every screen, so a
 * phone reads each part across rather than one whole profile after the other.
 */
function SideBySide({ own, partner }: { own: ProfileView; partner: ProfileView }) {
  const t = useTranslations("report");
  const partnerByKey = new Map(partner.dimensions.map((d) => [d.key, d]));
  return (
    <table data-print="section" className="w-full table-fixed text-sm">
      <caption className="sr-only">{t("tableCaption")}</caption>
      <thead>
        <tr className="text-left text-xs font-semibold uppercase tracking-wide text-slate-600">
          <th scope="col" className="sr-only">
            {t("partOfCloseness")}
          </th>
          <th scope="col" className="pb-1 pr-2">
            {t("you")}
          </th>
          <th scope="col" className="pb-1 pl-2">
            {t("yourPartner")}
          </th>
        </tr>
      </thead>
      {own.dimensions.map((d) => {
        const p = partnerByKey.get(d.key);
        return (
          <tbody key={d.key} className="border-t border-slate-100">
            <tr>
              <th scope="rowgroup" colSpan={3} className="pt-3 text-left font-semibold text-slate-900">
                {d.label}
              </th>
            </tr>
            <tr>
              <th scope="row" className="sr-only">
                {d.label}
              </th>
              <td className="pb-2 pr-2 align-top">
                <ScoreBar score={d.score} level={d.level} band={d.bandKey} />
              </td>
              <td className="pb-2 pl-2 align-top">{p ? <ScoreBar score={p.score} level={p.level} band={p.bandKey} /> : "—"}</td>
            </tr>
          </tbody>
        );
      })}
    </table>
  );
}

function ScoreBar({ score, level, band }: { score: number; level: string; band: Band }) {
  const formats = useLocalFormats();
  return (
    <div>
      <p className="text-slate-800">
        <span className="font-medium tabular-nums">{formats.score(score)}</span> <span className="text-slate-600">· {level}</span>
      </p>
      <div aria-hidden="true" className="mt-1 h-2 w-full rounded-full bg-slate-100">
        <div className={`h-2 rounded-full ${LEVEL_COLOUR[band]}`} style={{ width: `${Math.max(2, Math.min(100, score))}%` }} />
      </div>
    </div>
  );
}
