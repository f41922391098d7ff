const DATE: Intl.DateTimeFormatOptions = { day: "numeric", month: "short", year: "numeric" };
const DATE_TIME: Intl.DateTimeFormatOptions = { ...DATE, hour: "2-digit", minute: "2-digit" };

/*
 * Making a DateTimeFormat costs far more than formatting with one (a page of fifty clients spent
 * tens of milliseconds on it), so each is made once per shape and time zone and kept.
 */
const formats = new Map<string, Intl.DateTimeFormat>();
function formatFor(options: Intl.DateTimeFormatOptions, timeZone: string): Intl.DateTimeFormat {
  const key = `${options === DATE ? "d" : "dt"} ${timeZone}`;
  let format = formats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat("en-GB", { ...options, timeZone });
    formats.set(key, format);
  }
  return format;
}

/** Dates are shown in the practice's time zone, whatever the server's. */
export function formatDate(value: Date | string | null | undefined, timeZone: string): string {
  if (!value) return "—";
  return formatFor(DATE, timeZone).format(new Date(value));
}

export function formatDateTime(value: Date | string | null | undefined, timeZone: string): string {
  if (!value) return "—";
  return formatFor(DATE_TIME, timeZone).format(new Date(value));
}

/** A calendar date (YYYY-MM-DD, no time zone) as a person reads it. */
export function formatCalendarDate(value: string | null | undefined): string {
  if (!value) return "—";
  return formatDate(`${value}T12:00:00Z`, "UTC");
}
