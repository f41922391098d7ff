import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { displayName } from "@/lib/clients/display-name";
import { formatDate } from "@/lib/format";
import { closenessV1 } from "@/lib/instruments/closeness-v1";
import { formatChange, formatScore } from "@/lib/instruments/scoring";
import type { Deterioration, DeteriorationDimension, Overview } from "@/lib/overview";

const LABELS: Record<string, string> = Object.fromEntries(closenessV1.dimensions.map((dimension) => [dimension.key, dimension.label]));

/**
 * Active clients whose latest assessment fell reliably on some dimension, against the assessment
 * before it (a sudden drop, listed first) or against their first (a slide since the start).
 * Only the reliable changes are shown, each with the scores it is between.
 */
export function DeteriorationList({ overview }: { overview: Overview }) {
  const thresholds = [...new Set(Object.values(overview.reliableChange.minimumChange).map((value) => formatScore(value)))];
  const threshold = thresholds.length === 1 ? `${thresholds[0]} points` : "the dimension’s reliable-change threshold";
  return (
    <section aria-labelledby="deterioration-heading" className="space-y-3">
      <div>
        <h2 id="deterioration-heading" className="text-lg font-semibold text-slate-900">
          Reliable deterioration
        </h2>
        <p className="mt-1 max-w-3xl text-sm text-slate-600">
          Active clients whose latest assessment is at least {threshold} lower on a dimension than their previous
          assessment, or than their first (reliable change index ≤ −1.96). Sudden drops since the previous assessment are
          listed first. All assessments count here, whatever the range above.
          {overview.reliableChange.provisional
            ? " The reliable-change parameters are provisional until the inventory has a norm sample."
            : ""}
        </p>
      </div>
      {overview.deteriorations.length === 0 ? (
        <p className="rounded-lg border border-slate-200 bg-white px-4 py-3 text-sm text-slate-600">
          No client&rsquo;s latest assessment shows a reliable deterioration.
        </p>
      ) : (
        <>
          <ul className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white">
            {overview.deteriorations.map((client) => (
              <ClientItem key={client.clientId} client={client} timeZone={overview.timeZone} />
            ))}
          </ul>
          {overview.deteriorationTotal > overview.deteriorations.length ? (
            <p className="text-sm text-slate-600">
              Showing {overview.deteriorations.length} of {overview.deteriorationTotal} clients.
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
  return (
    <li className="px-4 py-3">
      <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
        <Link href={`/clients/${client.clientId}`} className="font-medium text-brand-700 hover:underline">
          {displayName(client)}
        </Link>
        {sincePrevious.length > 0 ? <Badge tone="red">Drop since previous</Badge> : <Badge tone="amber">Below first</Badge>}
        <span className="text-xs text-slate-500 sm:ml-auto">
          Latest {formatDate(client.latestAt, timeZone)} · {client.assessmentCount} assessments since {formatDate(client.firstAt, timeZone)}
        </span>
      </div>
      <dl className="mt-2 grid gap-x-4 gap-y-1 text-sm sm:grid-cols-[14rem_1fr]">
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
  return (
    <>
      <dt className="text-slate-600">{label}</dt>
      <dd className="mb-1 text-slate-800 sm:mb-0">
        <ul className="flex flex-wrap gap-x-4 gap-y-0.5">
          {changes.map((dimension) => {
            const [before, delta] = pick(dimension);
            return (
              <li key={dimension.dimension} className="tabular-nums">
                <span className="font-medium">{LABELS[dimension.dimension]}</span> {formatChange(delta)}{" "}
                <span className="text-slate-500">
                  ({formatScore(before)} → {formatScore(dimension.latest)})
                </span>
              </li>
            );
          })}
        </ul>
      </dd>
    </>
  );
}
