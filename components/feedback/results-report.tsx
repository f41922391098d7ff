import { formatDate } from "@/lib/core/format";
import type { Band } from "@/lib/instruments";
import { BAND_WORDS, LIST_NAMES, NOT_A_DIAGNOSIS } from "@/lib/instruments/vocabulary";
import type { Highlight, ProfileView, ResultsView } from "@/lib/feedback/results-view";

/*
 * A client's results as they see them: on their results link, under the thank-you message, and —
 * the very same component with the very same data — in the clinician's preview. Server-rendered
 * HTML only (no script): bars are drawn with widths and each has its number and words beside it,
 * so the chart reads the same to a screen reader, on paper and without JavaScript.
 */

const LEVEL_COLOUR: Record<Band, string> = {
  strength: "bg-emerald-600",
  developing: "bg-sky-600",
  growth: "bg-amber-500",
};

function ProfileBars({ profile, caption, idPrefix, movement = true }: { profile: ProfileView; caption: string; idPrefix: string; movement?: boolean }) {
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
                {d.score.toFixed(1)} of 100 · <span title={d.levelWords}>{d.level}</span>
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

function latestLine(profile: ProfileView, timeZone: string, who: "you" | "partner"): string {
  const subject = who === "you" ? "your" : "your partner's";
  const latest = `From ${subject} latest questionnaire, on ${formatDate(profile.latestAt, timeZone)}`;
  if (!profile.firstAt) return `${latest}.`;
  return who === "you" ? `${latest}, compared with your first, on ${formatDate(profile.firstAt, timeZone)}.` : `${latest}.`;
}

export function ResultsReport({ view }: { view: ResultsView }) {
  const { own, couple, timeZone } = view;
  return (
    <div className="space-y-6" data-testid="results-report">
      <section aria-labelledby="results-heading" className="rounded-2xl border border-slate-200 bg-white px-5 py-6 shadow-sm sm:px-8">
        <h2 id="results-heading" className="text-xl font-semibold tracking-tight text-slate-900">
          Your closeness profile
        </h2>
        <p className="mt-2 text-sm text-slate-600">{latestLine(own, timeZone, "you")}</p>
        <p className="mt-3 rounded-lg bg-brand-50 p-3 text-sm text-slate-800">{NOT_A_DIAGNOSIS}</p>
        <div className="mt-5">
          <ProfileBars profile={own} caption="Seven parts of closeness, each from 0 to 100" idPrefix="own" />
        </div>
        <div className="mt-6 grid gap-4 sm:grid-cols-2">
          <Highlights title={`Your ${LIST_NAMES.strengths.toLowerCase()}`} items={own.strengths} empty="" />
          <Highlights
            title={`Your ${LIST_NAMES.growthAreas.toLowerCase()}`}
            items={own.growthAreas}
            empty="Every part of closeness is a strength for you right now."
          />
        </div>
        <BandKey />
      </section>

      {couple.kind === "shared" ? (
        <section aria-labelledby="couple-heading" className="rounded-2xl border border-slate-200 bg-white px-5 py-6 shadow-sm sm:px-8">
          <h2 id="couple-heading" className="text-xl font-semibold tracking-tight text-slate-900">
            Your results together
          </h2>
          <p className="mt-2 text-sm text-slate-600">You both agreed to share your results with each other. Either of you can stop sharing at any time.</p>
          {couple.partner ? (
            <div className="mt-5">
              <SideBySide own={own} partner={couple.partner} />
              <p className="mt-2 text-xs text-slate-600">{latestLine(couple.partner, timeZone, "partner")}</p>
            </div>
          ) : (
            <div className="mt-5 space-y-3">
              <ProfileBars profile={own} caption="You" idPrefix="couple-you" movement={false} />
              <p className="text-sm text-slate-700">Your partner has not completed a questionnaire yet.</p>
            </div>
          )}
          <div data-print="section" className="mt-6 rounded-xl bg-slate-50 p-4">
            <h3 className="text-base font-semibold text-slate-900">Where you see things differently</h3>
            {couple.differences === null ? (
              <p className="mt-2 text-sm text-slate-700">
                Your latest questionnaires were filled in more than two weeks apart, so they are not compared here.
              </p>
            ) : couple.differences.length === 0 ? (
              <p className="mt-2 text-sm text-slate-700">You see every part of closeness in much the same way.</p>
            ) : (
              <ul className="mt-2 list-disc space-y-1 pl-5 text-sm text-slate-800">
                {couple.differences.map((d) => (
                  <li key={d.key}>{d.words}</li>
                ))}
              </ul>
            )}
            <p className="mt-3 text-sm text-slate-600">Seeing something differently is common, and neither view is the right one.</p>
          </div>
        </section>
      ) : null}
    </div>
  );
}

/** The three bands by their one name, with what each means for the client. */
function BandKey() {
  return (
    <dl data-print="section" className="mt-4 grid gap-x-4 gap-y-1 text-xs text-slate-600 sm:grid-cols-3">
      {(["strength", "developing", "growth"] as const).map((band) => (
        <div key={band} className="flex items-start gap-2">
          <span aria-hidden className={`mt-1 h-2 w-2 shrink-0 rounded-full ${LEVEL_COLOUR[band]}`} />
          <div>
            <dt className="inline font-semibold text-slate-800">{BAND_WORDS[band].name}</dt>{" "}
            <dd className="inline">
              ({BAND_WORDS[band].range}): {BAND_WORDS[band].forClient}
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
  const partnerByKey = new Map(partner.dimensions.map((d) => [d.key, d]));
  return (
    <table data-print="section" className="w-full table-fixed text-sm">
      <caption className="sr-only">Your latest scores and your partner&rsquo;s, per part of closeness, each from 0 to 100</caption>
      <thead>
        <tr className="text-left text-xs font-semibold uppercase tracking-wide text-slate-600">
          <th scope="col" className="sr-only">
            Part of closeness
          </th>
          <th scope="col" className="pb-1 pr-2">
            You
          </th>
          <th scope="col" className="pb-1 pl-2">
            Your partner
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
  return (
    <div>
      <p className="text-slate-800">
        <span className="font-medium tabular-nums">{score.toFixed(1)}</span> <span className="text-slate-600">· {level}</span>
      </p>
      <div aria-hidden="true" className="mt-1 h-2 w-full rounded-full bg-slate-100">
        <div className={`h-2 rounded-full ${LEVEL_COLOUR[band]}`} style={{ width: `${Math.max(2, Math.min(100, score))}%` }} />
      </div>
    </div>
  );
}
