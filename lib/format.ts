/** Dates are shown in the practice's time zone, whatever the server's. */
export function formatDate(value: Date | string | null | undefined, timeZone: string): string {
  if (!value) return "—";
  return new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", year: "numeric", timeZone }).format(new Date(value));
}

export function formatDateTime(value: Date | string | null | undefined, timeZone: string): string {
  if (!value) return "—";
  return new Intl.DateTimeFormat("en-GB", {
    day: "numeric",
    month: "short",
    year: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    timeZone,
  }).format(new Date(value));
}

/** A calendar date (YYYY-MM-DD, no time zone) as a person reads it. */
export function formatCalendarDate(value: string | null | undefined): string {
  if (!value) return "—";
  return formatDate(`${value}T12:00:00Z`, "UTC");
}
