/** Helpers for the words of the emails: dates in the practice's zone, names on one line. */

/** "Tuesday 9 December 2026", the calendar day in `timeZone` (UTC if the zone is unknown). */
export function formatLongDate(date: Date, timeZone: string): string {
  const parts = partsOf(date, timeZone, { weekday: "long", day: "numeric", month: "long", year: "numeric" });
  return `${parts.weekday} ${parts.day} ${parts.month} ${parts.year}`;
}

/**
 * The calendar day in `timeZone`, in the words of `locale` ("martes, 9 de diciembre de 2026");
 * English keeps the house form of formatLongDate. The catalogue's `language.dateLocale` names the
 * locale Intl formats with.
 */
export function formatLongDateIn(locale: string, date: Date, timeZone: string): string {
  if (locale === "en" || locale === "en-GB") return formatLongDate(date, timeZone);
  const options: Intl.DateTimeFormatOptions = { weekday: "long", day: "numeric", month: "long", year: "numeric" };
  try {
    return new Intl.DateTimeFormat(locale, { ...options, timeZone }).format(date);
  } catch {
    return new Intl.DateTimeFormat(locale, { ...options, timeZone: "UTC" }).format(date);
  }
}

/** "14:30" in `timeZone`. */
export function formatTime(date: Date, timeZone: string): string {
  const parts = partsOf(date, timeZone, { hour: "2-digit", minute: "2-digit", hourCycle: "h23" });
  return `${parts.hour}:${parts.minute}`;
}

function partsOf(date: Date, timeZone: string, options: Intl.DateTimeFormatOptions): Record<string, string> {
  let format: Intl.DateTimeFormat;
  try {
    format = new Intl.DateTimeFormat("en-GB", { ...options, timeZone });
  } catch {
    // A stored zone the runtime does not know must not stop an email from being written.
    format = new Intl.DateTimeFormat("en-GB", { ...options, timeZone: "UTC" });
  }
  return Object.fromEntries(format.formatToParts(date).map((part) => [part.type, part.value]));
}

/** Names end up in the Subject header and in one-line sentences: no line breaks, no runs of spaces. */
export function oneLine(value: string): string {
  return value.replace(/\s+/g, " ").trim();
}
