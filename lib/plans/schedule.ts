import { TZDate } from "@date-fns/tz";
import { addDays, addMonths, format } from "date-fns";
import type { PlanCadence, PlanEnd } from "@/db/schema";

/*
 * A plan's calendar, as pure functions. Occurrence dates are the practice's calendar days
 * (practices.time_zone), computed as plain dates, so a plan made at 23:30 local time does not
 * drift a day and a daylight-saving change moves no occurrence. An occurrence is sent at
 * SEND_HOUR local time on its day; its link and reminders count whole local days from the send.
 */

/** Local hour at which an occurrence's invitation goes out. */
export const SEND_HOUR = 8;

export const CADENCES: Record<PlanCadence, { label: string; days?: number; months?: number }> = {
  weekly: { label: "Every week", days: 7 },
  two_weeks: { label: "Every 2 weeks", days: 14 },
  four_weeks: { label: "Every 4 weeks", days: 28 },
  monthly: { label: "Every month", months: 1 },
};

/** What the schedule needs of a plan. */
export type PlanCalendar = {
  cadence: PlanCadence;
  /** `YYYY-MM-DD`, the practice's calendar day of occurrence number `firstOccurrence`. */
  startDate: string;
  firstOccurrence: number;
  endKind: PlanEnd;
  endCount: number | null;
  endDate: string | null;
};

/** Most occurrences ever looked at for one plan: ten years of weekly assessments. */
const MAX_OCCURRENCES = 520;

function parseDay(day: string): TZDate {
  const [y, m, d] = day.split("-").map(Number) as [number, number, number];
  return new TZDate(y, m - 1, d, "UTC");
}

function formatDay(date: Date): string {
  return format(date, "yyyy-MM-dd");
}

/** The practice's calendar day at `now`. */
export function localDay(now: Date, timeZone: string): string {
  return formatDay(new TZDate(now, timeZone));
}

/** `day` plus `days` calendar days. */
export function addCalendarDays(day: string, days: number): string {
  return formatDay(addDays(parseDay(day), days));
}

/** The date of occurrence `index` (counted over the plan's whole life), or null past the plan's end. */
export function occurrenceDate(plan: PlanCalendar, index: number): string | null {
  const step = index - plan.firstOccurrence;
  if (step < 0) return null;
  if (plan.endKind === "after_count" && plan.endCount !== null && index >= plan.endCount) return null;
  const cadence = CADENCES[plan.cadence];
  const start = parseDay(plan.startDate);
  // From the start each time, so a monthly plan on the 31st keeps coming back to the 31st.
  const date = formatDay(cadence.months ? addMonths(start, cadence.months * step) : addDays(start, cadence.days! * step));
  if (plan.endKind === "on_date" && plan.endDate !== null && date > plan.endDate) return null;
  return date;
}

/** The instant the invitation of the occurrence on `day` is due: SEND_HOUR on that local day. */
export function sendInstant(day: string, timeZone: string): Date {
  const [y, m, d] = day.split("-").map(Number) as [number, number, number];
  return new Date(new TZDate(y, m - 1, d, SEND_HOUR, 0, 0, timeZone).getTime());
}

/** `days` local calendar days after `instant`, at the same wall-clock time (DST-safe). */
export function addLocalDays(instant: Date, days: number, timeZone: string): Date {
  return new Date(addDays(new TZDate(instant, timeZone), days).getTime());
}

/**
 * The current occurrence at `now`: the latest one already due. A worker that was down for three
 * periods sends this one only, never the three it missed. Null before the first is due.
 */
export function currentOccurrence(plan: PlanCalendar, now: Date, timeZone: string): { index: number; date: string } | null {
  let current: { index: number; date: string } | null = null;
  for (let index = plan.firstOccurrence; index < plan.firstOccurrence + MAX_OCCURRENCES; index++) {
    const date = occurrenceDate(plan, index);
    if (date === null || sendInstant(date, timeZone) > now) break;
    current = { index, date };
  }
  return current;
}

/** The next `limit` occurrences from `fromIndex` on (fewer when the plan ends first). */
export function occurrencesFrom(plan: PlanCalendar, fromIndex: number, limit: number): { index: number; date: string }[] {
  const result: { index: number; date: string }[] = [];
  for (let index = Math.max(fromIndex, plan.firstOccurrence); result.length < limit && index < plan.firstOccurrence + MAX_OCCURRENCES; index++) {
    const date = occurrenceDate(plan, index);
    if (date === null) break;
    result.push({ index, date });
  }
  return result;
}

/** True once no occurrence from `nextIndex` on remains. */
export function hasEnded(plan: PlanCalendar, nextIndex: number): boolean {
  return occurrenceDate(plan, Math.max(nextIndex, plan.firstOccurrence)) === null;
}

/**
 * How many days each of a plan's links stays open: the days chosen (or the practice's default), but
 * never past the next send — a weekly plan's links close after 7 days even when 14 were chosen.
 */
export function planLinkDays(expiryDays: number, cadence: PlanCadence): number {
  return Math.min(expiryDays, CADENCES[cadence].days ?? 28);
}
