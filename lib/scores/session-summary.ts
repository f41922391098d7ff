import { formatDate } from "@/lib/core/format";
import { bandOf, closenessV1, formatScore, type ChangeStatus } from "@/lib/instruments";
import { namedValues, partnerLabels } from "@/lib/core/display-name";
import type { CouplePair } from "@/lib/scores/couple-pairs";
import { bandName } from "@/lib/instruments/vocabulary";
import { SCORE_DIMENSIONS, type ScoreDimension, type ScoresSummary } from "@/lib/scores/score-summary";

/*
 * What a clinician reads before a session, in words: what moved since last time, what a couple
 * shares, where partners differ, and what needs attention. Pure functions over the summaries that
 * lib/scores/score-summary.ts and lib/scores/couple-pairs.ts already work out (no rule is decided twice here),
 * with dates formatted in the practice's time zone; unit-tested beside this file.
 */

const INSTRUMENT = closenessV1;
const LABEL = new Map(SCORE_DIMENSIONS.map((d) => [d.key, d.label]));

export type Movement = {
  dimension: ScoreDimension;
  label: string;
  /** Unrounded, latest − previous. */
  change: number;
  status: ChangeStatus;
  /** "Trust rose 18.8 points since 3 Mar 2026 (a reliable change)". */
  sentence: string;
};

/** How many of the largest moves to name: more is a table, and the history tab has it. */
const MOVES_SHOWN = 3;

/**
 * The largest changes since the previous assessment, biggest first (ties in instrument order);
 * none with a single assessment or when nothing moved.
 */
export function whatMoved(summary: ScoresSummary, timeZone: string, limit = MOVES_SHOWN): Movement[] {
  if (!summary.previous) return [];
  const since = formatDate(summary.previous.completedAt, timeZone);
  return summary.dimensions
    .filter((d) => d.sincePrevious && Math.abs(d.sincePrevious.change) > 0)
    .map((d) => ({ d, change: d.sincePrevious! }))
    .sort((x, y) => Math.abs(y.change.change) - Math.abs(x.change.change))
    .slice(0, limit)
    .map(({ d, change }) => ({
      dimension: d.key,
      label: d.label,
      change: change.change,
      status: change.status,
      sentence:
        `${d.label} ${change.change > 0 ? "rose" : "fell"} ${formatScore(Math.abs(change.change))} points since ${since}` +
        (change.status === "no_change" ? " (within measurement noise)" : ` (a reliable ${change.status === "improved" ? "improvement" : "deterioration"})`),
    }));
}

/** A sentence for when nothing is listed: why there is nothing to compare. */
export function noMovementSentence(summary: ScoresSummary | null, timeZone: string): string {
  if (!summary) return "No assessment yet.";
  if (!summary.previous) return `One assessment so far (${formatDate(summary.latest.completedAt, timeZone)}): changes show after the next one.`;
  return `No dimension changed since ${formatDate(summary.previous.completedAt, timeZone)}.`;
}

type DimensionScores = Record<ScoreDimension, number>;

export type SharedDimension = { key: ScoreDimension; label: string; a: number; b: number };

/**
 * What both partners share: strengths are dimensions both score in the strength band (≥ 70);
 * areas to grow are dimensions neither does (a strength of either partner is never called a shared
 * growth area, as DESIGN §2 has it for one person). Up to the instrument's count of each (two):
 * strengths by the lower partner's score, highest first; areas to grow by the higher partner's
 * score, lowest first — so both partners are low there — then by their mean. Ties in instrument order.
 */
export function sharedStrengthsAndGrowthAreas(a: DimensionScores, b: DimensionScores): { strengths: SharedDimension[]; growthAreas: SharedDimension[] } {
  const count = INSTRUMENT.scoring.strengthsCount;
  const rows = SCORE_DIMENSIONS.map((d) => ({ key: d.key, label: d.label, a: a[d.key], b: b[d.key] }));
  const strong = (x: number) => bandOf(x, INSTRUMENT) === "strength";
  const strengths = rows
    .filter((r) => strong(r.a) && strong(r.b))
    .sort((x, y) => Math.min(y.a, y.b) - Math.min(x.a, x.b))
    .slice(0, count);
  const growthAreas = rows
    .filter((r) => !strong(r.a) && !strong(r.b))
    .sort((x, y) => Math.max(x.a, x.b) - Math.max(y.a, y.b) || x.a + x.b - (y.a + y.b))
    .slice(0, count);
  return { strengths, growthAreas };
}

export type LargeGap = { key: ScoreDimension; label: string; a: number; b: number; gap: number };

/** The flagged gaps of a pair (DESIGN §2: 25 points or more), largest first. */
export function largeGaps(pair: CouplePair | null): LargeGap[] {
  if (!pair) return [];
  return pair.gaps
    .filter((g) => g.flagged)
    .sort((x, y) => y.gap - x.gap)
    .map((g) => ({ key: g.key, label: g.label, a: g.client, b: g.partner, gap: g.gap }));
}

/** The parts of an invitation the attention list reads (lib/invitations' summary has them). */
type InvitationState = {
  status: "pending" | "opened" | "completed" | "expired" | "revoked";
  createdAt: Date | string;
  lastSentAt: Date | string;
  expiresAt: Date | string;
};

export type AttentionItem = { kind: "deterioration" | "open_link" | "expired_link"; text: string };

type Person = { name: string; summary: ScoresSummary | null; invitations: readonly InvitationState[] };

/**
 * What needs a look before the session: a reliable deterioration (since the previous assessment,
 * or since the first), and each person's most recent link when it is still open or ran out
 * unanswered. A link revoked or answered needs nothing.
 */
export function attentionItems(people: readonly Person[], timeZone: string): AttentionItem[] {
  const items: AttentionItem[] = [];
  for (const person of people) {
    const summary = person.summary;
    if (summary?.previous) {
      // One line per baseline, naming every dimension that fell reliably against it.
      const recent = summary.dimensions.filter((d) => d.sincePrevious?.status === "deteriorated");
      const overall = summary.dimensions.filter((d) => d.sinceFirst?.status === "deteriorated" && d.sincePrevious?.status !== "deteriorated");
      for (const [list, baseline, pick] of [
        [recent, summary.previous, (d: (typeof recent)[number]) => d.sincePrevious!],
        [overall, summary.first, (d: (typeof recent)[number]) => d.sinceFirst!],
      ] as const) {
        if (list.length === 0) continue;
        const named = listInWords(list.map((d) => `${d.label} (−${formatScore(Math.abs(pick(d).change))})`));
        items.push({
          kind: "deterioration",
          text: `${person.name}: reliable deterioration since ${formatDate(baseline.completedAt, timeZone)} in ${named}.`,
        });
      }
    }
    const latest = [...person.invitations].sort((x, y) => new Date(y.createdAt).getTime() - new Date(x.createdAt).getTime())[0];
    if (latest && (latest.status === "pending" || latest.status === "opened")) {
      items.push({
        kind: "open_link",
        text: `${person.name}: assessment link sent ${formatDate(latest.lastSentAt, timeZone)}, ${latest.status === "opened" ? "opened but not finished" : "not opened yet"}; it expires ${formatDate(latest.expiresAt, timeZone)}.`,
      });
    } else if (latest?.status === "expired") {
      items.push({ kind: "expired_link", text: `${person.name}: the assessment link expired on ${formatDate(latest.expiresAt, timeZone)} without an answer.` });
    }
  }
  return items;
}

/** Labels of dimensions as a list in words: "Trust, Care and Mutuality". */
export function listInWords(labels: readonly string[]): string {
  if (labels.length <= 1) return labels[0] ?? "";
  return `${labels.slice(0, -1).join(", ")} and ${labels.at(-1)}`;
}

export function dimensionLabel(key: ScoreDimension): string {
  return LABEL.get(key) ?? key;
}

function scoresLine(summary: ScoresSummary): string {
  return summary.dimensions.map((d) => `${d.label} ${formatScore(d.latest)} (${bandName(d.band).toLowerCase()})`).join("; ");
}

function namedScores(summary: ScoresSummary, keys: readonly ScoreDimension[]): string {
  const byKey = new Map(summary.dimensions.map((d) => [d.key, d]));
  return keys.map((key) => `${dimensionLabel(key)} ${formatScore(byKey.get(key)!.latest)}`).join(", ");
}

function attentionLines(items: AttentionItem[]): string[] {
  return items.length ? ["Needs attention:", ...items.map((item) => `- ${item.text}`)] : ["Needs attention: nothing."];
}

/**
 * A plain-text summary of one client for a progress note (the "Copy summary" button): scores with
 * their bands, what moved, strengths and growth areas, and what needs attention. Names and scores
 * only, no answers; the clinician pastes it where they choose.
 */
export function clientSummaryText(input: { name: string; summary: ScoresSummary | null; invitations: readonly InvitationState[]; timeZone: string }): string {
  const { name, summary, timeZone } = input;
  const lines = [`${INSTRUMENT.title}: ${name}`];
  if (!summary) {
    lines.push("No assessment completed yet.");
  } else {
    lines.push(`Latest assessment ${formatDate(summary.latest.completedAt, timeZone)}: overall ${formatScore(summary.latest.overall)}.`);
    lines.push(`Scores (0-100): ${scoresLine(summary)}.`);
    const moved = whatMoved(summary, timeZone);
    lines.push(moved.length ? `What moved: ${moved.map((m) => m.sentence).join("; ")}.` : noMovementSentence(summary, timeZone));
    lines.push(`Strengths: ${namedScores(summary, summary.strengths)}.`);
    lines.push(summary.growthAreas.length ? `Growth areas: ${namedScores(summary, summary.growthAreas)}.` : "Growth areas: none; every dimension is 70 or above.");
  }
  lines.push(...attentionLines(attentionItems([{ name, summary, invitations: input.invitations }], timeZone)));
  return lines.join("\n");
}

/** Two partners' scores in words, each after its partner's name: "Lee 43.8 and Morgan 12.5". */
export function pairText(names: readonly [string, string], a: number, b: number, joiner = " and "): string {
  return namedValues([{ name: names[0], value: formatScore(a) }, { name: names[1], value: formatScore(b) }], joiner);
}

type CouplePerson = { name: string; summary: ScoresSummary | null; invitations: readonly InvitationState[] };

/** The same for a couple: both partners, what they share, where they differ, and what needs attention. */
export function coupleSummaryText(input: { a: CouplePerson; b: CouplePerson; pair: CouplePair | null; timeZone: string }): string {
  const { a, b, pair, timeZone } = input;
  const names = partnerLabels(a.name, b.name);
  const lines = [`${INSTRUMENT.title}: ${a.name} and ${b.name}`];
  for (const person of [a, b]) {
    const s = person.summary;
    if (!s) {
      lines.push(`${person.name}: no assessment completed yet.`);
      continue;
    }
    const moved = whatMoved(s, timeZone);
    lines.push(
      `${person.name}: latest ${formatDate(s.latest.completedAt, timeZone)}, overall ${formatScore(s.latest.overall)}. ` +
        (moved.length ? `What moved: ${moved.map((m) => m.sentence).join("; ")}.` : noMovementSentence(s, timeZone)),
    );
  }
  if (a.summary && b.summary) {
    const shared = sharedStrengthsAndGrowthAreas(a.summary.latest.dimensions, b.summary.latest.dimensions);
    const both = (list: SharedDimension[]) => list.map((d) => `${d.label} (${pairText(names, d.a, d.b)})`).join(", ");
    lines.push(shared.strengths.length ? `Shared strengths: ${both(shared.strengths)}.` : "Shared strengths: none; no dimension is 70 or above for both.");
    lines.push(shared.growthAreas.length ? `Shared areas to grow: ${both(shared.growthAreas)}.` : "Shared areas to grow: none; on every dimension at least one partner is at 70 or above.");
  }
  if (pair) {
    const gaps = largeGaps(pair);
    const when = `${formatDate(pair.clientCompletedAt, timeZone)} and ${formatDate(pair.partnerCompletedAt, timeZone)}`;
    lines.push(
      gaps.length
        ? `Large gaps (25 points or more; assessments of ${when}): ${gaps.map((g) => `${g.label} ${pairText(names, g.a, g.b, " vs ")}, gap ${formatScore(g.gap)}`).join("; ")}.`
        : `Large gaps: none (assessments of ${when}).`,
    );
  } else if (a.summary && b.summary) {
    lines.push(`Large gaps: not compared; the partners' assessments were not completed within ${INSTRUMENT.scoring.coupleGap.windowDays} days of each other.`);
  }
  lines.push(...attentionLines(attentionItems([a, b], timeZone)));
  return lines.join("\n");
}
