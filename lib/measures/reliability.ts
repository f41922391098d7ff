import "server-only";
import { and, eq, sql } from "drizzle-orm";
import { getDb, type Executor } from "@/db/client";
import { practiceReliabilityFigures, practiceStatisticsSharing, practices } from "@/db/schema";
import { recordAudit } from "@/lib/core/audit";
import type { Actor } from "@/lib/core/actor-types";
import { requireOwner } from "@/lib/core/owner";
import { clock } from "@/lib/core/clock";
import { DomainError, NotFoundError } from "@/lib/core/errors";
import { currentInstrument, isProfileInstrument, type AnyInstrument } from "@/lib/instruments";
import { rebuildPracticeAggregates } from "@/lib/overview/aggregates";
import { figuresInUse, loadAdoptedFigures, reliableChangeFrom, type ScaleFigures } from "@/lib/reliable-change/figures";
import { TOTAL_SCALE, scalesOf } from "@/lib/reliable-change/scales";
import { addPairSums, addScaleSums, cronbachAlpha, feldtInterval, itemRestCorrelations, pearson, totalSd } from "./statistics";
import { RETEST_MAX_DAYS, loadPracticeSums, type PracticeSums } from "./sums";

/*
 * The practice's own psychometrics (issue 28; contract in DESIGN.md §4): per scale, Cronbach's α
 * with Feldt's 95% interval and item–rest correlations over each person's first assessment, the
 * SD of those first assessments, and test–retest r over one pair per person at most 14 days
 * apart. Nothing is estimated from fewer than MIN_PEOPLE people: the figure is null with a reason.
 * Installation-wide figures pool the sums of practices whose owners agreed, from POOL_PRACTICES
 * practices and POOL_PEOPLE people. Both read the sums the write path keeps (./sums.ts), never the rows.
 */

export const MIN_PEOPLE = 100;
export const POOL_PRACTICES = 5;
export const POOL_PEOPLE = 200;
export const MEASURED_INSTRUMENTS = ["closeness", "phq9", "gad7", "csi4"] as const;

export type TestRetest = { r: number | null; pairs: number; maxDays: number; reason?: string };

export type ScaleEstimate = {
  alpha: number | null;
  alphaCi: [number, number] | null;
  n: number;
  itemRest: Record<string, number | null> | null;
  /** SD of first assessments, in the score's points (0–100 for a dimension, the total's for a total). */
  sd: number | null;
  testRetest: TestRetest | null;
  reason?: string;
  inUse: ScaleFigures;
};

export type InUseSummary = {
  sd: number | null;
  r: number | null;
  reliableChange: number | null;
  source: ScaleFigures["source"] | null;
  since: string | null;
  reason?: string;
};

export type ReliabilityReport = {
  instrument: string;
  version: number;
  scope: "practice" | "installation";
  n: number;
  computedAt: string;
  dimensions?: Record<string, ScaleEstimate>;
  total?: ScaleEstimate;
  inUse: InUseSummary;
  /** Installation-wide only: how many practices contributed. */
  practices?: number;
  reason?: string;
};

const tooFew = (n: number, what = "people") => `Estimated from ${MIN_PEOPLE} ${what} or more; ${n} so far.`;

function estimateScale(scale: ReturnType<typeof scalesOf>[number], sums: PracticeSums, inUse: ScaleFigures): ScaleEstimate {
  const scaleSums = sums.scales[scale.key]!;
  const pairs = sums.pairs[scale.key]!;
  const testRetest: TestRetest =
    pairs.n >= MIN_PEOPLE
      ? { r: pearson(pairs), pairs: pairs.n, maxDays: RETEST_MAX_DAYS }
      : { r: null, pairs: pairs.n, maxDays: RETEST_MAX_DAYS, reason: tooFew(pairs.n, "pairs of assessments (one per person)") };
  if (scaleSums.n < MIN_PEOPLE) {
    return { alpha: null, alphaCi: null, n: scaleSums.n, itemRest: null, sd: null, testRetest, reason: tooFew(scaleSums.n), inUse };
  }
  const alpha = cronbachAlpha(scaleSums);
  const sd = totalSd(scaleSums);
  const itemRest = itemRestCorrelations(scaleSums);
  return {
    alpha,
    alphaCi: alpha === null ? null : feldtInterval(alpha, scaleSums.n, scale.items.length),
    n: scaleSums.n,
    itemRest: Object.fromEntries(scale.items.map((item, i) => [item.id, itemRest[i] ?? null])),
    sd: sd === null ? null : sd * scale.scoreFactor,
    testRetest,
    ...(alpha === null ? { reason: "The answers do not vary enough to estimate α." } : {}),
    inUse,
  };
}

function summariseInUse(instrument: AnyInstrument, byScale: Record<string, ScaleFigures>): InUseSummary {
  const figures = Object.values(byScale);
  const first = figures[0]!;
  const same = figures.every((f) => f.sd === first.sd && f.r === first.r && f.reliableChange === first.reliableChange && f.source === first.source);
  if (same) return { sd: first.sd, r: first.r, reliableChange: first.reliableChange, source: first.source, since: first.since };
  return {
    sd: null,
    r: null,
    reliableChange: null,
    source: null,
    since: null,
    reason: `The figures differ by ${isProfileInstrument(instrument) ? "dimension" : "scale"}: see each one's "inUse".`,
  };
}

function pooled(all: PracticeSums[]): PracticeSums | null {
  const [head, ...rest] = all;
  if (!head) return null;
  return rest.reduce<PracticeSums>(
    (acc, next) => ({
      practiceId: "installation",
      people: acc.people + next.people,
      scales: Object.fromEntries(Object.entries(acc.scales).map(([key, sums]) => [key, addScaleSums(sums, next.scales[key]!)])),
      pairs: Object.fromEntries(Object.entries(acc.pairs).map(([key, sums]) => [key, addPairSums(sums, next.pairs[key]!)])),
    }),
    head,
  );
}

function emptySums(instrument: AnyInstrument, practiceId: string): PracticeSums {
  const scales = scalesOf(instrument);
  return {
    practiceId,
    people: 0,
    scales: Object.fromEntries(
      scales.map((s) => [s.key, { n: 0, items: s.items.map(() => ({ sum: 0, sumSquares: 0, sumWithTotal: 0 })), total: { sum: 0, sumSquares: 0 } }]),
    ),
    pairs: Object.fromEntries(scales.map((s) => [s.key, { n: 0, sumX: 0, sumY: 0, sumXX: 0, sumYY: 0, sumXY: 0 }])),
  };
}

function buildReport(instrument: AnyInstrument, sums: PracticeSums, byScale: Record<string, ScaleFigures>, scope: ReliabilityReport["scope"]): ReliabilityReport {
  const estimates = Object.fromEntries(scalesOf(instrument).map((scale) => [scale.key, estimateScale(scale, sums, byScale[scale.key]!)]));
  return {
    instrument: instrument.key,
    version: instrument.version,
    scope,
    n: sums.people,
    computedAt: clock.now().toISOString(),
    ...(isProfileInstrument(instrument) ? { dimensions: estimates } : { total: estimates[TOTAL_SCALE]! }),
    inUse: summariseInUse(instrument, byScale),
  };
}

/** The instrument a key names (its current version); NotFoundError for an unknown key. */
export function measuredInstrument(key: string): AnyInstrument {
  const instrument = (MEASURED_INSTRUMENTS as readonly string[]).includes(key) ? currentInstrument(key) : undefined;
  if (!instrument) throw new NotFoundError("instrument");
  return instrument;
}

async function practiceReport(executor: Executor, practiceId: string, instrument: AnyInstrument): Promise<ReliabilityReport> {
  const [sums] = await loadPracticeSums(executor, instrument, sql`s.practice_id = ${practiceId}`);
  const inUse = figuresInUse(instrument, await loadAdoptedFigures(executor, practiceId, instrument.key));
  const report = buildReport(instrument, sums ?? emptySums(instrument, practiceId), inUse.byScale, "practice");
  // The stored sums are rebuilt with the overview's aggregates (lib/jobs/handlers.ts); until then they may lag.
  const [practice] = await executor.select({ staleSince: practices.aggregatesStaleSince }).from(practices).where(eq(practices.id, practiceId)).limit(1);
  return practice?.staleSince ? { ...report, reason: "Being recalculated: these figures may not count every assessment yet." } : report;
}

/** `GET /api/instruments/<key>/reliability`: the actor's practice's figures. Any member may read them (no client is named). */
export async function getReliabilityReport(actor: Actor, instrumentKey: string): Promise<ReliabilityReport> {
  return practiceReport(await getDb(), actor.practiceId, measuredInstrument(instrumentKey));
}

/**
 * The installation's figures, pooled from the sums of practices whose owners agreed (never rows).
 * Null figures with a reason below POOL_PRACTICES practices or POOL_PEOPLE people.
 */
export async function getInstallationReliability(actor: Actor, instrumentKey: string): Promise<ReliabilityReport> {
  const instrument = measuredInstrument(instrumentKey);
  const db = await getDb();
  const contributing = sql`s.practice_id in (select c.practice_id from practice_statistics_sharing c where c.contributes)`;
  const all = await loadPracticeSums(db, instrument, contributing);
  const sums = pooled(all) ?? emptySums(instrument, "installation");
  const byScale = figuresInUse(instrument, []).byScale;
  const report = { ...buildReport(instrument, sums, byScale, "installation"), practices: all.length };
  if (all.length >= POOL_PRACTICES && sums.people >= POOL_PEOPLE) return report;
  const reason = `Installation-wide figures need ${POOL_PRACTICES} contributing practices and ${POOL_PEOPLE} people; ${all.length} and ${sums.people} so far.`;
  const hidden = (estimate: ScaleEstimate): ScaleEstimate => ({ ...estimate, alpha: null, alphaCi: null, itemRest: null, sd: null, testRetest: null, reason });
  return {
    ...report,
    ...(report.dimensions ? { dimensions: Object.fromEntries(Object.entries(report.dimensions).map(([k, e]) => [k, hidden(e)])) } : {}),
    ...(report.total ? { total: hidden(report.total) } : {}),
    reason,
  };
}

/** What adopting would put in force per scale, or why it cannot; from a report of the practice. */
export function proposedFigures(report: ReliabilityReport): Record<string, { sd: number; r: number; rKind: "test-retest" | "alpha"; n: number } | { reason: string }> {
  const estimates = report.dimensions ?? (report.total ? { [TOTAL_SCALE]: report.total } : {});
  return Object.fromEntries(
    Object.entries(estimates).map(([key, e]) => {
      if (e.sd === null) return [key, { reason: e.reason ?? "No SD could be estimated." }];
      const retest = e.testRetest?.r ?? null;
      if (retest !== null && retest > 0 && retest < 1) return [key, { sd: e.sd, r: retest, rKind: "test-retest" as const, n: e.n }];
      if (e.alpha !== null && e.alpha > 0 && e.alpha < 1) return [key, { sd: e.sd, r: e.alpha, rKind: "alpha" as const, n: e.n }];
      return [key, { reason: e.testRetest?.reason ?? e.reason ?? "No reliability between 0 and 1 could be estimated." }];
    }),
  );
}

/**
 * The owner adopts the practice's estimated SD and r for an instrument's reliable-change threshold
 * (every scale at once, so judgements never mix sources within an instrument). Audited with the
 * figures; the practice's stored deteriorations are rebuilt with them in the same transaction.
 */
export async function adoptEstimatedFigures(actor: Actor, instrumentKey: string): Promise<void> {
  requireOwner(actor);
  const instrument = measuredInstrument(instrumentKey);
  const db = await getDb();
  await db.transaction(async (tx) => {
    const report = await practiceReport(tx, actor.practiceId, instrument);
    const proposal = proposedFigures(report);
    const missing = Object.entries(proposal).filter(([, p]) => "reason" in p);
    if (missing.length > 0) throw new DomainError(`Not enough answers yet to estimate every figure (${missing.map(([k]) => k).join(", ")}).`);
    const criticalRci = isProfileInstrument(instrument) ? instrument.scoring.reliableChange.criticalRci : 1.96;
    const now = clock.now();
    await tx
      .delete(practiceReliabilityFigures)
      .where(and(eq(practiceReliabilityFigures.practiceId, actor.practiceId), eq(practiceReliabilityFigures.instrumentKey, instrument.key)));
    const rows = Object.entries(proposal).map(([dimension, p]) => {
      const f = p as { sd: number; r: number; rKind: string; n: number };
      return {
        practiceId: actor.practiceId,
        instrumentKey: instrument.key,
        instrumentVersion: instrument.version,
        dimension,
        sd: f.sd,
        r: f.r,
        rKind: f.rKind,
        minimumChange: reliableChangeFrom(f.sd, f.r, criticalRci),
        n: f.n,
        adoptedAt: now,
        adoptedBy: actor.userId,
      };
    });
    await tx.insert(practiceReliabilityFigures).values(rows);
    await recordAudit(tx, actor, {
      action: "measures.adopt",
      subjectType: "instrument",
      details: { instrument: instrument.key, version: instrument.version, figures: rows.map(({ dimension, sd, r, rKind, minimumChange, n }) => ({ dimension, sd, r, rKind, minimumChange, n })) },
    });
    await rebuildPracticeAggregates(tx, actor.practiceId);
  });
}

/** Back to the instrument's own figures (published or provisional). Audited with what was in force. */
export async function revertToInstrumentFigures(actor: Actor, instrumentKey: string): Promise<void> {
  requireOwner(actor);
  const instrument = measuredInstrument(instrumentKey);
  const db = await getDb();
  await db.transaction(async (tx) => {
    const removed = await tx
      .delete(practiceReliabilityFigures)
      .where(and(eq(practiceReliabilityFigures.practiceId, actor.practiceId), eq(practiceReliabilityFigures.instrumentKey, instrument.key)))
      .returning();
    if (removed.length === 0) return;
    await recordAudit(tx, actor, {
      action: "measures.revert",
      subjectType: "instrument",
      details: {
        instrument: instrument.key,
        version: instrument.version,
        adoptedAt: removed[0]!.adoptedAt.toISOString(),
        figures: removed.map(({ dimension, sd, r, rKind, minimumChange, n }) => ({ dimension, sd, r, rKind, minimumChange, n })),
      },
    });
    await rebuildPracticeAggregates(tx, actor.practiceId);
  });
}

/** Whether the practice contributes its sums to the installation's figures (default: no). */
export async function getStatisticsSharing(actor: Actor): Promise<{ contributes: boolean; changedAt: string | null }> {
  const db = await getDb();
  const [row] = await db.select().from(practiceStatisticsSharing).where(eq(practiceStatisticsSharing.practiceId, actor.practiceId)).limit(1);
  return { contributes: row?.contributes ?? false, changedAt: row?.changedAt.toISOString() ?? null };
}

/** The owner's consent to contribute sufficient statistics (never rows) to the installation's figures. Audited. */
export async function setStatisticsSharing(actor: Actor, contributes: boolean): Promise<void> {
  requireOwner(actor);
  const db = await getDb();
  await db.transaction(async (tx) => {
    const now = clock.now();
    await tx
      .insert(practiceStatisticsSharing)
      .values({ practiceId: actor.practiceId, contributes, changedAt: now, changedBy: actor.userId })
      .onConflictDoUpdate({ target: practiceStatisticsSharing.practiceId, set: { contributes, changedAt: now, changedBy: actor.userId } });
    await recordAudit(tx, actor, { action: "measures.contribute", subjectType: "practice", subjectId: actor.practiceId, details: { contributes } });
  });
}
