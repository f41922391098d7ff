import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { displayName } from "@/lib/core/display-name";
import { formatDate } from "@/lib/core/format";
import { closenessV1 } from "@/lib/instruments/closeness-v1";
import { formatChange, formatScore } from "@/lib/instruments/scoring";
import type { Deterioration, DeteriorationDimension, NeedsAttentionData } from "@/lib/overview/overview";
import { Sparkline } from "./sparkline";

const LABELS: Record<string, string> = Object.fromEntries(closenessV1.dimensions.map((dimension) => [dimension.key, dimension.label]));

/** The largest drops shown per comparison; the rest are counted, and all are on the client's page. */
const SHOWN_DROPS = 3;

/**
 * Active clients whose latest assessment fell by more than measurement noise on some dimension,
 * against the assessment before it (a sudden drop, listed first) or against their first (a slide
 * since the start). Each reads at a glance: who, with whom, the largest drops and by how much, and
 * where overall closeness has been going.
 */
export function DeteriorationList({ overview, shown, heading: Heading = "h3" }: { overview: NeedsAttentionData; shown?: number; heading?: "h2" | "h3" }) {
  const listed = shown === undefined ? overview.deteriorations : overview.deteriorations.slice(0, shown);
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
              <ClientItem key={client.clientId} client={client} timeZone={overview.timeZone} />
            ))}
          </ul>
          {overview.deteriorationTotal > listed.length ? (
            <p className="text-sm text-slate-600">
              Showing {listed.length} of {overview.deteriorationTotalExact ? "" : "more than "}
              {overview.deteriorationTotal.toLocaleString("en-GB")} clients.{" "}
              {listed.length < overview.deteriorations.length ? (
                <Link href="/overview/attention" className="font-medium text-brand-700 hover:underline">
                  {overview.deteriorationTotal > overview.deteriorations.length ? `See the first ${overview.deteriorations.length}` : "See them all"}
                </Link>
              ) : null}
            </p>
          ) : null}
        </>
      )}
    </section>
  );
}

function ClientItem({ client, timeZone }: { client: Deterioration; timeZone: string }) {
  const sincePrevious = client.dimensions.filter((dimension) => dimension.reliableSincePrevious);
  // With two assessments the first is the previous one: one comparison, said once.
  const sinceFirst = client.assessmentCount > 2 ? client.dimensions.filter((dimension) => dimension.reliableSinceFirst) : [];
  const latestOverall = client.overallHistory.at(-1);
  return (
    <li className="flex flex-col gap-3 px-4 py-3 sm:flex-row sm:items-start sm:justify-between">
      <div className="min-w-0">
        <div className="flex flex-wrap items-center gap-x-2 gap-y-1">
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
          {sincePrevious.length > 0 ? <Badge tone="red">Drop since previous</Badge> : <Badge tone="amber">Below first</Badge>}
        </div>
        <dl className="mt-2 grid gap-x-4 gap-y-1 text-sm sm:grid-cols-[12rem_1fr]">
          {sincePrevious.length > 0 ? (
            <Comparison
              label={`Since previous (${formatDate(client.previousAt, timeZone)})`}
              changes={sincePrevious}
              pick={(dimension) => [dimension.previous, dimension.changeSincePrevious]}
            />
          ) : null}
          {sinceFirst.length > 0 ? (
            <Comparison
              label={`Since first (${formatDate(client.firstAt, timeZone)})`}
              changes={sinceFirst}
              pick={(dimension) => [dimension.first, dimension.changeSinceFirst]}
            />
          ) : null}
        </dl>
      </div>
      <div className="flex shrink-0 items-center gap-3 sm:flex-col sm:items-end sm:gap-1">
        <Sparkline values={client.overallHistory} />
        <p className="text-xs text-slate-500">
          {latestOverall === undefined ? null : (
            <>
              Overall <span className="font-medium tabular-nums text-slate-800">{formatScore(latestOverall)}</span> ·{" "}
            </>
          )}
          latest {formatDate(client.latestAt, timeZone)}
        </p>
      </div>
    </li>
  );
}

function Comparison({
  label,
  changes,
  pick,
}: {
  label: string;
  changes: DeteriorationDimension[];
  pick: (dimension: DeteriorationDimension) => [before: number, change: number];
}) {
  const largestFirst = changes
    .map((dimension) => ({ dimension, pair: pick(dimension) }))
    .sort((a, b) => a.pair[1] - b.pair[1]);
  const shown = largestFirst.slice(0, SHOWN_DROPS);
  const more = largestFirst.length - shown.length;
  return (
    <>
      <dt className="text-slate-600">{label}</dt>
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
