import Link from "next/link";
import { LargeGapFlag } from "@/components/scores/score-badges";
import { displayName } from "@/lib/core/display-name";
import { GAP_WIDENING_MIN_POINTS } from "@/lib/scores/couple-pairs";
import { formatDate } from "@/lib/core/format";
import { closenessV1 } from "@/lib/instruments/closeness-v1";
import { formatChange, formatScore } from "@/lib/instruments/scoring";
import { LISTED_ON_ATTENTION_PAGE, type NeedsAttentionData, type WideningGap } from "@/lib/overview/overview";
import { SeeThemAll } from "./see-them-all";

const WINDOW_DAYS = closenessV1.scoring.coupleGap.windowDays;

/** How many of the dimensions that moved apart each couple shows: the rest are on their pages. */
const SHOWN_DIMENSIONS = 3;

/**
 * Couples whose partners are further apart than they were: the average gap between their latest
 * pair of assessments against the pair before, with the dimensions that moved apart most.
 */
export function WideningGaps({ overview, onOverview, heading: Heading = "h3" }: { overview: NeedsAttentionData; onOverview: boolean; heading?: "h2" | "h3" }) {
  const listed = overview.wideningGaps;
  return (
    <section aria-labelledby="widening-heading" className="space-y-3">
      <div>
        <Heading id="widening-heading" className="text-base font-semibold text-slate-900">
          Gaps widening between partners
        </Heading>
        <p className="mt-1 max-w-3xl text-sm text-slate-600">
          Couples whose latest pair of assessments (both completed within {WINDOW_DAYS} days) differ, on average over the seven
          dimensions, by {GAP_WIDENING_MIN_POINTS} points or more than their pair before; the most widened first.
        </p>
      </div>
      {overview.wideningGaps.length === 0 ? (
        <p className="rounded-lg border border-slate-200 bg-white px-4 py-3 text-sm text-slate-600">
          {overview.couplesCompared === 0
            ? `No couple has two pairs of assessments to compare yet. A pair is both partners completing the assessment within ${WINDOW_DAYS} days of each other.`
            : `No couple's gap is widening (${overview.couplesCompared === 1 ? "1 couple" : `${overview.couplesCompared} couples`} compared).`}
        </p>
      ) : (
        <>
          <ul className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white">
            {listed.map((couple) => (
              <CoupleItem key={couple.coupleId} couple={couple} timeZone={overview.timeZone} />
            ))}
          </ul>
          {overview.wideningTotal > listed.length ? (
            <p className="text-sm text-slate-600">
              Showing {listed.length} of {overview.wideningTotalExact ? "" : "more than "}
              {overview.wideningTotal.toLocaleString("en-GB")} couples.{" "}
              {onOverview ? <SeeThemAll total={overview.wideningTotal} listedThere={LISTED_ON_ATTENTION_PAGE.couples} /> : null}
            </p>
          ) : null}
        </>
      )}
    </section>
  );
}

function CoupleItem({ couple, timeZone }: { couple: WideningGap; timeZone: string }) {
  const [a, b] = couple.partners;
  const apart = couple.dimensions
    .filter((d) => d.change > 0)
    .sort((x, y) => y.change - x.change)
    .slice(0, SHOWN_DIMENSIONS);
  const pairDates = (pair: WideningGap["latest"]) =>
    `${formatDate(pair.clientCompletedAt, timeZone)} and ${formatDate(pair.partnerCompletedAt, timeZone)}`;
  return (
    <li className="px-4 py-3">
      {/* The couple is the unit of care: the names open the couple's page. */}
      <Link href={`/couples/${couple.coupleId}`} className="font-medium text-brand-700 hover:underline">
        {displayName(a)} &amp; {displayName(b)}
      </Link>
      <p className="mt-1 text-sm text-slate-800">
        Average gap <span className="tabular-nums">{formatScore(couple.previousMeanGap)}</span> →{" "}
        <span className="font-semibold tabular-nums">{formatScore(couple.latestMeanGap)}</span> points{" "}
        <span className="tabular-nums text-slate-600">({formatChange(couple.meanChange)})</span>
      </p>
      <dl className="mt-2 grid gap-x-4 gap-y-1 text-sm sm:grid-cols-[12rem_1fr]">
        <dt className="text-slate-600">Moved apart most</dt>
        <dd>
          <ul className="flex flex-wrap gap-x-4 gap-y-1">
            {apart.map((d) => (
              <li key={d.key} className="inline-flex flex-wrap items-center gap-x-1.5 tabular-nums text-slate-800">
                <span className="font-medium">{d.label}</span> gap {formatScore(d.previousGap)} → {formatScore(d.latestGap)}
                {d.flagged ? <LargeGapFlag /> : null}
              </li>
            ))}
          </ul>
        </dd>
        <dt className="text-slate-600">Pairs compared</dt>
        <dd className="text-slate-700">
          {pairDates(couple.latest)} (latest); {pairDates(couple.previous)} (before)
        </dd>
      </dl>
    </li>
  );
}
