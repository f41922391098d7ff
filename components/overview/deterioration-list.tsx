import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { displayName } from "@/lib/core/display-name";
import { formatDate } from "@/lib/core/format";
import { closenessV1 } from "@/lib/instruments/closeness-v1";
import { formatChange, formatScore } from "@/lib/instruments/scoring";
import { LISTED_ON_ATTENTION_PAGE, type Deterioration, type DeteriorationDimension, type NeedsAttentionData } from "@/lib/overview/overview";
import { SeeThemAll } from "./see-them-all";
import { Sparkline } from "./sparkline";

const LABELS: Record<string, string> = Object.fromEntries(closenessV1.dimensions.map((dimension) => [dimension.key, dimension.label]));

/** The largest drops shown per comparison; the rest are counted, and all are on the client's page. */
const SHOWN_DROPS = 3;

/**
 * Active clients whose latest assessment fell by more than measurement noise on some dimension,
 * against the assessment before it (a sudden drop, listed first) or against their first (a slide
 * since the start). Each reads at a glance: who, with whom, the largest drop and by how much, and
 * where overall closeness has been going. On Needs attention each line also opens onto every
 * comparison; the overview names the first few and links there (decision 0046).
 */
export function DeteriorationList({ overview, onOverview, heading: Heading = "h3" }: { overview: NeedsAttentionData; onOverview: boolean; heading?: "h2" | "h3" }) {
  const listed = overview.deteriorations;
  return (
    <section aria-labelledby="deterioration-heading" className="space-y-3">
      <div>
        <Heading id="deterioration-heading" className="text-base font-semibold text-slate-900">
          Reliable drops
        </Heading>
        <p className="mt-1 max-w-3xl text-sm text-slate-600">
          Clients whose latest assessment fell on a dimension by more than measurement noise, since their previous assessment (listed
          first) or since their first. All assessments count here, whatever the range the overview shows.
        </p>
      </div>
      {overview.deteriorations.length === 0 ? (
        <p className="rounded-lg border border-slate-200 bg-white px-4 py-3 text-sm text-slate-600">
          No client&rsquo;s latest assessment shows a reliable drop.
        </p>
      ) : (
        <>
          <ul className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white">
            {listed.map((client) => (
              <ClientItem key={client.clientId} client={client} timeZone={overview.timeZone} withDetails={!onOverview} />
            ))}
          </ul>
          {overview.deteriorationTotal > listed.length ? (
            <p className="text-sm text-slate-600">
              Showing {listed.length} of {overview.deteriorationTotalExact ? "" : "more than "}
              {overview.deteriorationTotal.toLocaleString("en-GB")} clients.{" "}
              {onOverview ? <SeeThemAll total={overview.deteriorationTotal} listedThere={LISTED_ON_ATTENTION_PAGE.drops} /> : null}
            </p>
          ) : onOverview ? (
            <p className="text-sm">
              <Link href="/overview/attention" className="font-medium text-brand-700 hover:underline">
                Every drop in detail, on Needs attention
              </Link>
            </p>
          ) : null}
        </>
      )}
    </section>
  );
}

/** The one change a line names: the largest reliable drop, on either comparison (since previous first on a tie). */
export function largestDrop(client: Deterioration): { dimension: string; change: number; before: number; latest: number; since: "previous" | "first"; at: Date } | null {
  let best: ReturnType<typeof largestDrop> = null;
  for (const d of client.dimensions) {
    const candidates = [
      d.reliableSincePrevious ? { change: d.changeSincePrevious, before: d.previous, since: "previous" as const, at: client.previousAt } : null,
      d.reliableSinceFirst ? { change: d.changeSinceFirst, before: d.first, since: "first" as const, at: client.firstAt } : null,
    ];
    for (const c of candidates) {
      if (c && (!best || c.change < best.change)) best = { dimension: LABELS[d.dimension] ?? d.dimension, latest: d.latest, ...c };
    }
  }
  return best;
}

/**
 * One line per client: who, with whom, the largest reliable drop and its instrument, and overall
 * closeness as a labelled sparkline; with `withDetails`, every comparison one click away, in a
 * disclosure that works without JavaScript.
 */
function ClientItem({ client, timeZone, withDetails }: { client: Deterioration; timeZone: string; withDetails: boolean }) {
  const latestOverall = client.overallHistory.at(-1);
  const drop = largestDrop(client);
  const others = client.dimensions.length - 1;
  return (
    <li className="px-4 py-3">
      <div className="flex flex-col gap-2 lg:flex-row lg:items-center lg:gap-4">
        <div className="flex min-w-0 flex-wrap items-baseline gap-x-2 gap-y-1 lg:w-72 lg:shrink-0">
          <Link href={`/clients/${client.clientId}`} className="font-medium text-brand-700 hover:underline">
            {displayName(client)}
          </Link>
          {client.partner ? (
            <span className="text-sm text-slate-600">
              with{" "}
              {client.partner.visible ? (
                <Link href={`/clients/${client.partner.clientId}`} className="text-brand-700 hover:underline">
                  {displayName(client.partner)}
                </Link>
              ) : (
                displayName(client.partner)
              )}
              {client.coupleId ? (
                <>
                  {" · "}
                  <Link href={`/couples/${client.coupleId}`} className="text-brand-700 hover:underline">
                    couple&rsquo;s page
                  </Link>
                </>
              ) : null}
            </span>
          ) : null}
        </div>
        <p className="min-w-0 flex-1 text-sm text-slate-800">
          {drop ? (
            <>
              <span aria-hidden className="mr-1 text-red-700">
                ▼
              </span>
              <span className="font-medium">{drop.dimension}</span>{" "}
              <span className="font-semibold tabular-nums text-red-800">{formatChange(drop.change)}</span>{" "}
              <span className="text-slate-600">{`on ${closenessV1.shortTitle}, since the ${drop.since} assessment (${formatDate(drop.at, timeZone)})`}</span>
              {others > 0 ? <span className="text-slate-500">{` · ${others} more ${others === 1 ? "dimension" : "dimensions"}`}</span> : null}
            </>
          ) : null}
        </p>
        <div className="flex shrink-0 items-center gap-2">
          <span className="text-xs text-slate-600">Overall closeness</span>
          <Sparkline values={client.overallHistory} />
          {latestOverall === undefined ? null : <span className="w-10 text-sm font-medium tabular-nums text-slate-800">{formatScore(latestOverall)}</span>}
        </div>
      </div>
      {withDetails ? <ClientDetails client={client} timeZone={timeZone} /> : null}
    </li>
  );
}

/** Every reliable drop of the client's latest assessment, by comparison, behind "Details". */
function ClientDetails({ client, timeZone }: { client: Deterioration; timeZone: string }) {
  const sincePrevious = client.dimensions.filter((dimension) => dimension.reliableSincePrevious);
  // With two assessments the first is the previous one: one comparison, said once.
  const sinceFirst = client.assessmentCount > 2 ? client.dimensions.filter((dimension) => dimension.reliableSinceFirst) : [];
  const comparisons: ComparisonProps[] = [
    { since: "previous", at: client.previousAt, changes: sincePrevious, pick: (d) => [d.previous, d.changeSincePrevious] },
    { since: "first", at: client.firstAt, changes: sinceFirst, pick: (d) => [d.first, d.changeSinceFirst] },
  ];
  return (
    <details className="group mt-1 text-sm">
      <summary className="cursor-pointer text-brand-700 hover:underline">
        Details<span className="sr-only"> for {displayName(client)}</span>
      </summary>
      <div className="mt-2 rounded-md bg-slate-50 p-3">
        <div className="flex flex-wrap items-center gap-2">
          {sincePrevious.length > 0 ? <Badge tone="red">Drop since previous</Badge> : <Badge tone="amber">Below first</Badge>}
          <span className="text-xs text-slate-500">
            {client.assessmentCount} assessments · latest {formatDate(client.latestAt, timeZone)}
          </span>
        </div>
        <dl className="mt-2 grid gap-x-4 gap-y-1 sm:grid-cols-[12rem_1fr]">
          {comparisons
            .filter((comparison) => comparison.changes.length > 0)
            .map((comparison) => (
              <Comparison key={comparison.since} {...comparison} timeZone={timeZone} />
            ))}
        </dl>
      </div>
    </details>
  );
}

/** One comparison of the latest assessment: against the previous one or the first, at `at`. */
type ComparisonProps = {
  since: "previous" | "first";
  at: Date;
  changes: DeteriorationDimension[];
  pick: (dimension: DeteriorationDimension) => [before: number, change: number];
};

function Comparison({ since, at, changes, pick, timeZone }: ComparisonProps & { timeZone: string }) {
  const largestFirst = changes
    .map((dimension) => ({ dimension, pair: pick(dimension) }))
    .sort((a, b) => a.pair[1] - b.pair[1]);
  const shown = largestFirst.slice(0, SHOWN_DROPS);
  const more = largestFirst.length - shown.length;
  return (
    <>
      <dt className="text-slate-600">{`Since ${since} (${formatDate(at, timeZone)})`}</dt>
      <dd className="mb-1 text-slate-800 sm:mb-0">
        <ul className="flex flex-wrap gap-x-4 gap-y-0.5">
          {shown.map(({ dimension, pair: [before, delta] }) => (
            <li key={dimension.dimension} className="tabular-nums">
              <span className="font-medium">{LABELS[dimension.dimension]}</span> {formatChange(delta)}{" "}
              <span className="text-slate-500">
                ({formatScore(before)} → {formatScore(dimension.latest)})
              </span>
            </li>
          ))}
          {more > 0 ? (
            <li className="text-slate-500">
              and {more} more {more === 1 ? "dimension" : "dimensions"}
            </li>
          ) : null}
        </ul>
      </dd>
    </>
  );
}
