/**
 * The application's one clock. Everything that asks "what time is it?" on the server (and the
 * e2e specs that seed data relative to today) asks here, so a test run can be moved to any day.
 *
 * `ATTUNE_CLOCK_OFFSET_MS` shifts the clock by a fixed amount; it still runs forward in real time.
 * The e2e config computes it once from `ATTUNE_TEST_NOW` (an ISO instant, e.g. 2028-02-29T10:00Z)
 * and hands the same value to the server and to every worker, so both agree to the millisecond.
 * Durations measured with it are real durations. The database's own now() stays real time: it is
 * only used for relative windows (session idle time, rate-limit windows), never for calendar days.
 */
function readOffset(): number {
  const raw = process.env.ATTUNE_CLOCK_OFFSET_MS;
  if (!raw) return 0;
  const offset = Number(raw);
  if (!Number.isFinite(offset)) throw new Error(`ATTUNE_CLOCK_OFFSET_MS must be a number of milliseconds, got "${raw}".`);
  return offset;
}

let offsetMs = readOffset();

export const clock = {
  /** The current instant. */
  now(): Date {
    return new Date(Date.now() + offsetMs);
  },
  /** The current instant in milliseconds since the epoch. */
  ms(): number {
    return Date.now() + offsetMs;
  },
  /** The offset in force (tests pass it on to processes they start). */
  offsetMs(): number {
    return offsetMs;
  },
};

/** Tests: move the clock so that it reads `instant` now (undefined: back to real time). */
export function setClockForTests(instant: Date | undefined): void {
  offsetMs = instant ? instant.getTime() - Date.now() : readOffset();
}
