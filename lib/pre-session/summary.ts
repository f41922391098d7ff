import type { CouplePair } from "@/lib/scores/couple-pairs";
import { formatDate, formatDateTime } from "@/lib/core/format";
import { bandOf, closenessV1, formatScore } from "@/lib/instruments";
import type { InstrumentTotals } from "@/lib/scores/instrument-totals";
import type { ScoresSummary } from "@/lib/scores/score-summary";
import { buildCourseSummary, courseLines, type CourseInput, type CourseSummary } from "./course";

/*
 * The pre-session summary (issue 23): what a clinician reads ten minutes before a session, for a
 * couple or one client, in one order — open safety alerts of either partner first, then what needs
 * attention on every instrument (reliable changes and band changes, named), what moved since last
 * time, the gap between partners, links still open, the next planned send. One pure function builds
 * it; the page, the "Copy summary" text and the printable report all render this one value, so
 * what is copied is what is shown. Unit-tested beside this file.
 */

export type SummaryAlert = { id: string; raisedAt: Date; item: string };

export type SummaryInvitation = {
  status: "pending" | "opened" | "completed" | "expired" | "revoked";
  /** Short titles of the questionnaires the link carries ("Closeness + PHQ-9"). */
  instruments: string;
  createdAt: Date;
  lastSentAt: Date;
  openedAt: Date | null;
  expiresAt: Date;
};

export type SummaryPerson = {
  id: string;
  name: string;
  closeness: ScoresSummary | null;
  /** PHQ-9, GAD-7, CSI-4 and the like (each never empty). */
  totals: readonly InstrumentTotals[];
  invitations: readonly SummaryInvitation[];
  /** Open (unacknowledged) safety alerts, newest first. */
  alerts: readonly SummaryAlert[];
};

export type PreSessionInput = {
  /** One person (a client) or two (a couple whose partners the clinician may both see). */
  people: readonly SummaryPerson[];
  /** The couple's latest pair of closeness assessments (null alone, or when none pairs). */
  pair?: CouplePair | null;
  /**
   * A partner the clinician may see but who is not summarised here (the client page: the partner),
   * with how many open alerts they have — named, never their content. Omitted when the clinician
   * may not see the partner.
   */
  partnerAlerts?: { name: string; count: number } | null;
  /** The next date a plan sends, its questionnaires and who receives it. */
  nextSend?: { date: string; instruments: string; to: string } | null;
  /** Each summarised person's closeness course beside the practice's usual one (issue 28); omitted where not loaded. */
  courses?: readonly CourseInput[] | null;
  timeZone: string;
};

export type Tone = "worse" | "better" | "neutral";

export type SummaryLine = { text: string; tone: Tone; personId?: string };

export type PreSessionSummary = {
  alerts: (SummaryAlert & { personId: string; name: string; text: string })[];
  /** "Morgan Hart has 1 open safety alert: see their record." or null. */
  partnerAlertNote: string | null;
  /** Reliable changes and band changes on every instrument, worse first. */
  attention: SummaryLine[];
  /** Every instrument's latest status for each person ("PHQ-9 17, moderately severe, 3 Dec 2026"). */
  instruments: { personId: string; name: string; lines: string[] }[];
  /** What moved since each person's previous assessment, in words (reliable or not). */
  moved: SummaryLine[];
  /** Where partners differ most (flagged gaps), each value named. */
  gaps: string[];
  openLinks: string[];
  nextSend: string | null;
  /** Off the usual course of change, or within it, per person (and the couple); why nothing is shown below the threshold. */
  course: CourseSummary | null;
};

const CLOSENESS = closenessV1;
const BAND_WORDS = { growth: "growth area", developing: "developing", strength: "strength" } as const;

export function buildPreSessionSummary(input: PreSessionInput): PreSessionSummary {
  const { people, timeZone } = input;
  const alerts = people
    .flatMap((person) => person.alerts.map((alert) => ({ ...alert, personId: person.id, name: person.name })))
    .sort((x, y) => y.raisedAt.getTime() - x.raisedAt.getTime())
    .map((alert) => ({ ...alert, text: `${alert.name}: critical answer on ${alert.item}, ${formatDateTime(alert.raisedAt, timeZone)}.` }));
  const partner = input.partnerAlerts;
  return {
    alerts,
    partnerAlertNote:
      partner && partner.count > 0
        ? `${partner.name} has ${partner.count === 1 ? "an open safety alert" : `${partner.count} open safety alerts`}: see their record.`
        : null,
    attention: sortByTone(people.flatMap((person) => [...closenessAttention(person, timeZone), ...totalsAttention(person, timeZone)])),
    instruments: people.map((person) => ({ personId: person.id, name: person.name, lines: instrumentLines(person, timeZone) })),
    moved: people.flatMap((person) => movedLines(person, timeZone)),
    gaps: gapLines(people, input.pair ?? null),
    openLinks: people.flatMap((person) => openLinkLines(person, timeZone)),
    nextSend: input.nextSend ? `Next planned send: ${formatCalendar(input.nextSend.date)}, ${input.nextSend.instruments} to ${input.nextSend.to}.` : null,
    course: input.courses ? buildCourseSummary(input.courses, timeZone) : null,
  };
}

function sortByTone(lines: SummaryLine[]): SummaryLine[] {
  const rank: Record<Tone, number> = { worse: 0, better: 1, neutral: 2 };
  return lines.map((line, index) => ({ line, index })).sort((x, y) => rank[x.line.tone] - rank[y.line.tone] || x.index - y.index).map(({ line }) => line);
}

/** Closeness: reliable change since the previous assessment, and a band crossed, per dimension. */
function closenessAttention(person: SummaryPerson, timeZone: string): SummaryLine[] {
  const summary = person.closeness;
  if (!summary?.previous) return [];
  const since = formatDate(summary.previous.completedAt, timeZone);
  const lines: SummaryLine[] = [];
  for (const d of summary.dimensions) {
    const change = d.sincePrevious;
    if (!change) continue;
    const before = bandOf(change.before, CLOSENESS);
    const reliable = change.status !== "no_change";
    const crossed = before !== d.band;
    if (!reliable && !crossed) continue;
    const words = `${formatScore(change.before)} → ${formatScore(change.after)}`;
    const tone: Tone = change.change < 0 ? "worse" : "better";
    const what = reliable ? `a reliable ${change.status === "improved" ? "improvement" : "deterioration"}` : "within measurement noise";
    const band = crossed ? `, now ${BAND_WORDS[d.band]} (was ${BAND_WORDS[before]})` : "";
    lines.push({ personId: person.id, tone: reliable ? tone : "neutral", text: `${person.name}: Closeness ${d.label} ${words} since ${since}, ${what}${band}.` });
  }
  return lines;
}

/** PHQ-9, GAD-7, CSI-4: reliable change since the previous one, and a band crossed. */
function totalsAttention(person: SummaryPerson, timeZone: string): SummaryLine[] {
  const lines: SummaryLine[] = [];
  for (const totals of person.totals) {
    const latest = totals.points.at(-1)!;
    const previous = totals.points.at(-2);
    if (!previous || !latest.sincePrevious) continue;
    const reliable = latest.sincePrevious.status !== "no_change";
    const crossed = previous.band.label !== latest.band.label;
    if (!reliable && !crossed) continue;
    const title = totals.instrument.shortTitle;
    const what = reliable ? `a reliable ${latest.sincePrevious.status === "improved" ? "improvement" : "deterioration"}` : "within measurement noise";
    const band = crossed ? `, now ${latest.band.label.toLowerCase()} (was ${previous.band.label.toLowerCase()})` : "";
    const tone: Tone = !reliable ? "neutral" : latest.sincePrevious.status === "improved" ? "better" : "worse";
    lines.push({
      personId: person.id,
      tone,
      text: `${person.name}: ${title} ${previous.total} → ${latest.total} since ${formatDate(previous.completedAt, timeZone)}, ${what}${band}.`,
    });
  }
  return lines;
}

/** Every instrument's latest score, band and date (so a copy never leaves an instrument out). */
function instrumentLines(person: SummaryPerson, timeZone: string): string[] {
  const lines: string[] = [];
  const c = person.closeness;
  if (c) lines.push(`Closeness: overall ${formatScore(c.latest.overall)} of 100, ${formatDate(c.latest.completedAt, timeZone)}.`);
  for (const totals of person.totals) {
    const latest = totals.points.at(-1)!;
    const range = `${totals.instrument.min}–${totals.instrument.max}`;
    lines.push(`${totals.instrument.shortTitle}: ${latest.total} (${range}), ${latest.band.label.toLowerCase()}, ${formatDate(latest.completedAt, timeZone)}.`);
  }
  if (lines.length === 0) lines.push("No questionnaire completed yet.");
  return lines;
}

/** The three largest closeness moves since last time, in words; reliable ones say so, the rest are noise. */
function movedLines(person: SummaryPerson, timeZone: string): SummaryLine[] {
  const summary = person.closeness;
  if (!summary?.previous) return [];
  const since = formatDate(summary.previous.completedAt, timeZone);
  return summary.dimensions
    .filter((d) => d.sincePrevious && Math.abs(d.sincePrevious.change) >= 0.05)
    .sort((x, y) => Math.abs(y.sincePrevious!.change) - Math.abs(x.sincePrevious!.change))
    .slice(0, 3)
    .map((d) => {
      const change = d.sincePrevious!;
      const reliable = change.status !== "no_change";
      return {
        personId: person.id,
        tone: reliable ? (change.change < 0 ? "worse" : "better") : "neutral",
        text: `${person.name}: ${d.label} ${change.change > 0 ? "rose" : "fell"} ${formatScore(Math.abs(change.change))} points since ${since}${reliable ? ` (a reliable ${change.status === "improved" ? "improvement" : "deterioration"})` : " (within measurement noise)"}.`,
      };
    });
}

/** Gaps at or over the flag threshold in the latest pair, largest first, each value with its partner's name. */
function gapLines(people: readonly SummaryPerson[], pair: CouplePair | null): string[] {
  if (!pair || people.length < 2) return [];
  const [a, b] = people as [SummaryPerson, SummaryPerson];
  return pair.gaps
    .filter((gap) => gap.flagged)
    .sort((x, y) => y.gap - x.gap)
    .map((gap) => `${gap.label}: ${firstName(a.name)} ${formatScore(gap.client)}, ${firstName(b.name)} ${formatScore(gap.partner)} (gap ${formatScore(gap.gap)}).`);
}

function openLinkLines(person: SummaryPerson, timeZone: string): string[] {
  return person.invitations
    .filter((invitation) => invitation.status === "pending" || invitation.status === "opened")
    .map(
      (invitation) =>
        `${person.name}: ${invitation.instruments} link sent ${formatDate(invitation.lastSentAt, timeZone)}, ${invitation.status === "opened" ? "opened but not finished" : "not opened yet"}; expires ${formatDate(invitation.expiresAt, timeZone)}.`,
    );
}

export function firstName(name: string): string {
  return name.split(" ")[0] ?? name;
}

function formatCalendar(day: string): string {
  return formatDate(new Date(`${day}T12:00:00Z`), "UTC");
}

/**
 * The summary as plain text for a progress note ("Copy summary"): every section the page shows, in
 * the same order, so nothing shown is left out of the copy.
 */
export function preSessionText(title: string, summary: PreSessionSummary): string {
  const lines = [`Pre-session summary: ${title}`];
  const section = (heading: string, items: readonly string[], empty: string) => {
    lines.push(`${heading}:`);
    lines.push(...(items.length ? items.map((item) => `- ${item}`) : [`- ${empty}`]));
  };
  section("Open safety alerts", [...summary.alerts.map((alert) => alert.text), ...(summary.partnerAlertNote ? [summary.partnerAlertNote] : [])], "none");
  section("Changes on every questionnaire", summary.attention.map((line) => line.text), "nothing on any questionnaire");
  if (summary.course) section("Usual course of change", courseLines(summary.course), "none");
  for (const person of summary.instruments) section(`Latest scores, ${person.name}`, person.lines, "none");
  section("Moved since last time, in words", summary.moved.map((line) => line.text), "nothing to compare yet");
  if (summary.instruments.length > 1) section("Largest gaps between partners", summary.gaps, "no large gap");
  section("Links still open", summary.openLinks, "none");
  if (summary.nextSend) lines.push(summary.nextSend);
  return lines.join("\n");
}
