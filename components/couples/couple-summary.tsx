import { SummaryBlock, AttentionList, MovedList } from "@/components/summary/summary-parts";
import { CopySummary } from "@/components/summary/copy-summary";
import { PairedValues } from "@/components/scores/paired-values";
import { partnerLabels, type NamedValue } from "@/lib/core/display-name";
import { formatScore } from "@/lib/instruments/scoring";
import type { CouplePair } from "@/lib/scores/couple-pairs";
import type { ScoresSummary } from "@/lib/scores/score-summary";
import { attentionItems, largeGaps, noMovementSentence, sharedStrengthsAndGrowthAreas, whatMoved, type SharedDimension } from "@/lib/scores/session-summary";

type Person = Parameters<typeof attentionItems>[0][number] & { summary: ScoresSummary | null };

/**
 * The top of the couple page: what needs attention, what the partners share (strengths, areas to
 * grow), where they differ most, and what moved for each since last time. Computed by the pure
 * helpers of lib/scores/session-summary.ts; rendered here.
 */
export function CoupleSummary({
  a,
  b,
  pair,
  timeZone,
  summaryText,
  children,
}: {
  a: Person;
  b: Person;
  pair: CouplePair | null;
  timeZone: string;
  /** The copy text; left out where the page's pre-session summary carries the one "Copy summary". */
  summaryText?: string;
  /** The side-by-side profile, shown right after what needs attention. */
  children?: React.ReactNode;
}) {
  const shared = a.summary && b.summary ? sharedStrengthsAndGrowthAreas(a.summary.latest.dimensions, b.summary.latest.dimensions) : null;
  const gaps = largeGaps(pair);
  const names = partnerLabels(a.name, b.name);
  return (
    <div className="space-y-4">
      <SummaryBlock id="attention-heading" title="Needs attention">
        <AttentionList items={attentionItems([a, b], timeZone)} />
      </SummaryBlock>
      {children}
      <div className="grid gap-4 lg:grid-cols-3 lg:items-start">
        <SummaryBlock id="shared-strengths-heading" title="Shared strengths">
          {shared ? (
            <SharedList items={shared.strengths} names={names} empty="None yet: no dimension is 70 or above for both partners." />
          ) : (
            <p className="text-sm text-slate-600">Shown once both partners have completed an assessment.</p>
          )}
        </SummaryBlock>
        <SummaryBlock id="shared-growth-heading" title="Shared areas to grow">
          {shared ? (
            <SharedList items={shared.growthAreas} names={names} empty="None: on every dimension at least one partner is at 70 or above." />
          ) : (
            <p className="text-sm text-slate-600">Shown once both partners have completed an assessment.</p>
          )}
        </SummaryBlock>
        <SummaryBlock id="gaps-heading" title="Large gaps">
          {pair ? (
            gaps.length ? (
              <ul className="space-y-1 text-sm">
                {gaps.map((g) => (
                  <li key={g.key}>
                    <span className="font-medium text-slate-900">{g.label}</span>{" "}
                    <span className="text-slate-700">
                      gap <span className="font-semibold tabular-nums text-red-800">{formatScore(g.gap)}</span>:
                    </span>{" "}
                    <PairedValues values={named(names, g.a, g.b)} />
                  </li>
                ))}
              </ul>
            ) : (
              <p className="text-sm text-slate-600">None: no dimension differs by 25 points or more.</p>
            )
          ) : (
            <p className="text-sm text-slate-600">Gaps are compared when both partners complete the assessment within 14 days of each other.</p>
          )}
        </SummaryBlock>
      </div>
      <SummaryBlock id="moved-heading" title="What moved since last time">
        <div className="grid gap-4 sm:grid-cols-2">
          {[a, b].map((person) => (
            <div key={person.name}>
              <h3 className="text-sm font-medium text-slate-900">
                {person.name}
                {person.summary ? <span className="font-normal text-slate-600"> · overall {formatScore(person.summary.latest.overall)}</span> : null}
              </h3>
              <div className="mt-1">
                <MovedList moves={person.summary ? whatMoved(person.summary, timeZone) : []} empty={noMovementSentence(person.summary, timeZone)} />
              </div>
            </div>
          ))}
        </div>
      </SummaryBlock>
      {summaryText ? <CopySummary text={summaryText} /> : null}
    </div>
  );
}

function SharedList({ items, names, empty }: { items: SharedDimension[]; names: [string, string]; empty: string }) {
  if (items.length === 0) return <p className="text-sm text-slate-600">{empty}</p>;
  return (
    <ul className="space-y-1 text-sm">
      {items.map((d) => (
        <li key={d.key}>
          <span className="font-medium text-slate-900">{d.label}</span> <PairedValues values={named(names, d.a, d.b)} />
        </li>
      ))}
    </ul>
  );
}

/** Each partner's value after their name, as PairedValues shows them. */
function named(names: readonly [string, string], a: number, b: number): NamedValue[] {
  return [
    { name: names[0], value: formatScore(a) },
    { name: names[1], value: formatScore(b) },
  ];
}
