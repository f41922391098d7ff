import { Cell, ColumnHeader, RowHeader, Table, TableBody, TableCaption, TableFrame, TableHead, TableRow } from "@/components/ui/table";
import type { PartnerSummary } from "@/lib/clients/clients";
import { formatDate } from "@/lib/core/format";
import { formatScore } from "@/lib/instruments/scoring";
import type { ScoredAssessment } from "@/lib/scores/score-summary";
import type { CoupleScores } from "@/lib/scores/scores";
import { CoupleCharts, type CoupleChartPanel } from "./couple-charts";
import { countAssessments, describeDaysApart } from "./describe";
import { LargeGapFlag } from "./score-badges";
import type { ChartPoint } from "./series";

const card = "rounded-lg border border-slate-200 bg-white p-4 sm:p-6";

/**
 * Both partners' scores side by side and the partner gaps of DESIGN §2, on each partner's page.
 * Nothing without a partner; a plain sentence when the partner is not on the actor's caseload.
 */
export function CoupleView({ partner, couple, timeZone }: { partner: PartnerSummary | null; couple: CoupleScores | null; timeZone: string }) {
  if (!partner) return null;
  if (!couple) {
    return (
      <section aria-labelledby="couple-heading" className={card}>
        <h2 id="couple-heading" className="text-base font-semibold">
          Couple
        </h2>
        <p className="mt-2 text-sm text-slate-600">
          {partner.name} is on another clinician&apos;s caseload, so their scores and the partner gaps are not shown here.
        </p>
      </section>
    );
  }

  const a = couple.client;
  const b = couple.partner;
  const none = a.assessments.length === 0 && b.assessments.length === 0;

  return (
    <section aria-labelledby="couple-heading" className={card}>
      <h2 id="couple-heading" className="text-base font-semibold">
        Couple: {a.name} and {b.name}
      </h2>
      <p className="mt-1 text-sm text-slate-600">
        {none
          ? "Neither partner has completed an assessment yet."
          : `${a.name}: ${countAssessments(a.assessments.length)}. ${b.name}: ${countAssessments(b.assessments.length)}.`}
        {b.status === "archived" ? ` ${b.name} is archived.` : null}
      </p>

      {none ? null : (
        <div className="mt-4 space-y-6">
          <div>
            <h3 className="mb-2 text-sm font-semibold text-slate-900">Both partners over time</h3>
            <CoupleCharts panels={panels(couple)} points={couplePoints(a.assessments, b.assessments, timeZone)} clientName={a.name} partnerName={b.name} />
            <details className="mt-2 text-sm">
              <summary className="cursor-pointer text-brand-700">Both partners&apos; scores as a table</summary>
              <BothPartnersTable couple={couple} timeZone={timeZone} />
            </details>
          </div>
          <PartnerGaps couple={couple} timeZone={timeZone} />
        </div>
      )}
    </section>
  );
}

function panels(couple: CoupleScores): CoupleChartPanel[] {
  const keys = [{ key: "overall", label: "Overall" }, ...couple.dimensions];
  const who = (name: string, list: ScoredAssessment[], key: string) => {
    const value = (x: ScoredAssessment) => (key === "overall" ? x.overall : x.dimensions[key as keyof ScoredAssessment["dimensions"]]);
    const first = list[0];
    const last = list.at(-1);
    if (!first || !last) return `${name}: no assessment`;
    return list.length === 1 ? `${name} ${formatScore(value(first))}` : `${name} from ${formatScore(value(first))} to ${formatScore(value(last))}`;
  };
  return keys.map(({ key, label }) => ({
    key,
    title: label,
    label: `${label} over time: ${who(couple.client.name, couple.client.assessments, key)}; ${who(couple.partner.name, couple.partner.assessments, key)}.`,
  }));
}

function couplePoints(own: ScoredAssessment[], theirs: ScoredAssessment[], timeZone: string): ChartPoint[] {
  const byTime = new Map<number, ChartPoint>();
  for (const [prefix, list] of [
    ["a", own],
    ["b", theirs],
  ] as const) {
    for (const x of list) {
      const t = Date.parse(x.completedAt);
      const point: ChartPoint = byTime.get(t) ?? { t, date: formatDate(x.completedAt, timeZone) };
      point[`${prefix}:overall`] = x.overall;
      for (const [key, score] of Object.entries(x.dimensions)) point[`${prefix}:${key}`] = score;
      byTime.set(t, point);
    }
  }
  return [...byTime.values()].sort((p, q) => p.t - q.t);
}

function BothPartnersTable({ couple, timeZone }: { couple: CoupleScores; timeZone: string }) {
  const rows = [
    ...couple.client.assessments.map((x) => ({ name: couple.client.name, x })),
    ...couple.partner.assessments.map((x) => ({ name: couple.partner.name, x })),
  ].sort((p, q) => Date.parse(p.x.completedAt) - Date.parse(q.x.completedAt));
  return (
    <TableFrame label="Both partners' scores" className="mt-2">
      <Table>
        <TableCaption>Both partners&apos; scores at each assessment, oldest first, rounded to one decimal.</TableCaption>
        <TableHead>
          <TableRow>
            <ColumnHeader className="whitespace-nowrap px-3 py-1.5">Date</ColumnHeader>
            <ColumnHeader className="px-3 py-1.5">Partner</ColumnHeader>
            {couple.dimensions.map((d) => (
              <ColumnHeader key={d.key} numeric className="px-3 py-1.5">
                {d.label}
              </ColumnHeader>
            ))}
            <ColumnHeader numeric className="px-3 py-1.5">
              Overall
            </ColumnHeader>
          </TableRow>
        </TableHead>
        <TableBody>
          {rows.map(({ name, x }) => (
            <TableRow key={x.id}>
              <RowHeader className="whitespace-nowrap px-3 py-1.5">{formatDate(x.completedAt, timeZone)}</RowHeader>
              <Cell className="whitespace-nowrap px-3 py-1.5">{name}</Cell>
              {couple.dimensions.map((d) => (
                <Cell key={d.key} numeric className="px-3 py-1.5">
                  {formatScore(x.dimensions[d.key])}
                </Cell>
              ))}
              <Cell numeric className="px-3 py-1.5 font-semibold">
                {formatScore(x.overall)}
              </Cell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </TableFrame>
  );
}

function PartnerGaps({ couple, timeZone }: { couple: CoupleScores; timeZone: string }) {
  const pair = couple.latestPair;
  const a = couple.client.name;
  const b = couple.partner.name;
  return (
    <div>
      <h3 className="text-sm font-semibold text-slate-900">Partner gaps</h3>
      {!pair ? (
        <p className="mt-1 text-sm text-slate-700">
          {couple.client.assessments.length === 0 || couple.partner.assessments.length === 0
            ? `No gaps yet: ${couple.client.assessments.length === 0 ? a : b} has not completed an assessment.`
            : `No pair of assessments within ${couple.windowDays} days: ${a}'s and ${b}'s assessments were not completed within ${couple.windowDays} days of each other, so their scores are not compared.`}{" "}
          Gaps are shown when both partners complete the assessment within {couple.windowDays} days.
        </p>
      ) : (
        <>
          <p className="mt-1 text-sm text-slate-600">
            Latest pair: {a} on {formatDate(pair.clientCompletedAt, timeZone)} and {b} on {formatDate(pair.partnerCompletedAt, timeZone)} (
            {describeDaysApart(pair.daysApart)}). {summariseFlags(pair.gaps.filter((g) => g.flagged).length, pair.gaps.length, couple.flagAt)}
          </p>
          <TableFrame labelledBy="gap-caption" className="mt-2">
            <Table>
              <TableCaption id="gap-caption">
                Partner gaps per dimension for the latest pair of assessments completed within {couple.windowDays} days; gaps of {couple.flagAt} points
                or more are flagged.
              </TableCaption>
              <TableHead>
                <TableRow>
                  <ColumnHeader className="px-2 py-2 sm:px-3">Dimension</ColumnHeader>
                  <ColumnHeader numeric className="px-2 py-2 normal-case sm:px-3">
                    {a}
                  </ColumnHeader>
                  <ColumnHeader numeric className="px-2 py-2 normal-case sm:px-3">
                    {b}
                  </ColumnHeader>
                  <ColumnHeader numeric className="px-2 py-2 sm:px-3">
                    Gap
                  </ColumnHeader>
                </TableRow>
              </TableHead>
              <TableBody>
                {pair.gaps.map((g) => (
                  <TableRow key={g.key} className={g.flagged ? "bg-red-50/50" : undefined}>
                    <RowHeader className="px-2 py-2 align-top text-slate-900 sm:px-3 sm:align-middle">
                      {g.label}
                      {/* On a phone the flag sits under the name, where it stays in view; wider, in the gap's cell. */}
                      {g.flagged ? <LargeGapFlag className="mt-1 flex w-fit sm:hidden" /> : null}
                    </RowHeader>
                    <Cell numeric className="px-2 py-2 align-top sm:px-3 sm:align-middle">
                      {formatScore(g.client)}
                    </Cell>
                    <Cell numeric className="px-2 py-2 align-top sm:px-3 sm:align-middle">
                      {formatScore(g.partner)}
                    </Cell>
                    {/* Not `numeric`: the number sits right by a flex row, beside the flag. */}
                    <Cell className="px-2 py-2 align-top sm:px-3 sm:align-middle">
                      <div className="flex flex-row-reverse items-center gap-3">
                        <span className={`tabular-nums ${g.flagged ? "font-semibold text-slate-900" : "text-slate-700"}`}>{formatScore(g.gap)}</span>
                        {g.flagged ? <LargeGapFlag className="hidden sm:inline-flex" /> : null}
                      </div>
                    </Cell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </TableFrame>
          <p className="mt-2 text-xs text-slate-500">
            Gap: the difference between the partners&apos; scores on a dimension, |A − B|. A gap of {couple.flagAt} points or more is flagged as a
            large gap. Each of {a}&apos;s assessments is paired with {b}&apos;s closest one within {couple.windowDays} days.
          </p>
        </>
      )}
    </div>
  );
}

function summariseFlags(flagged: number, total: number, flagAt: number): string {
  if (flagged === 0) return `No dimension differs by ${flagAt} points or more.`;
  return `${flagged} of ${total} dimensions differ${flagged === 1 ? "s" : ""} by ${flagAt} points or more.`;
}
