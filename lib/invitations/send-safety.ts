// Pure rules of safe sending (issue 23, item 2): which open links repeat a new send, and the words
// the send form uses for them and for what each link carries. No `server-only`: tested as is.
import type { InstrumentRef } from "@/db/schema";
import { formatDateTime } from "@/lib/core/format";
import { getInstrument } from "@/lib/instruments";

/** An unanswered link of a person about to be sent another. */
export type OpenLink = {
  clientName: string;
  instruments: readonly InstrumentRef[];
  lastSentAt: Date;
  openedAt: Date | null;
};

/** How long a replayed form (a double submit) still shows the links it made: they are shown once. */
export const REPLAY_WINDOW_MS = 10 * 60 * 1000;

/** The questionnaires a link carries, in the order they are answered: "Closeness + PHQ-9". */
export function linkCarries(refs: readonly InstrumentRef[]): string {
  return refs.map((ref) => getInstrument(ref.key, ref.version)?.shortTitle ?? ref.key).join(" + ");
}

/** The same questionnaires, whatever the order and version: a new link would ask the same again. */
export function sameQuestionnaires(a: readonly InstrumentRef[], b: readonly InstrumentRef[]): boolean {
  const keys = (refs: readonly InstrumentRef[]) => [...new Set(refs.map((ref) => ref.key))].sort().join(",");
  return keys(a) === keys(b);
}

/** The open links that the new send would repeat: same person (the caller's list), same questionnaires. */
export function repeatedLinks(open: readonly OpenLink[], chosen: readonly InstrumentRef[]): OpenLink[] {
  return open.filter((link) => sameQuestionnaires(link.instruments, chosen));
}

/**
 * What the form says before making another link: who already has one, with what, when it was sent,
 * and whether it was opened. "Lee Hart already has an open link (Closeness + PHQ-9), sent 3 Dec
 * 2026, 10:00, not opened yet. Send another link anyway?"
 */
export function describeRepeatedLinks(repeated: readonly OpenLink[], timeZone: string): string {
  const parts = repeated.map((link) => {
    const state = link.openedAt ? `opened ${formatDateTime(link.openedAt, timeZone)} but not finished` : "not opened yet";
    return `${link.clientName} already has an open link (${linkCarries(link.instruments)}), sent ${formatDateTime(link.lastSentAt, timeZone)}, ${state}.`;
  });
  const another = repeated.length > 1 || new Set(repeated.map((link) => link.clientName)).size > 1 ? "another set of links" : "another link";
  return `${parts.join(" ")} Send ${another} anyway? The open ${repeated.length === 1 ? "link keeps" : "links keep"} working either way.`;
}

/** Whether a replayed form's links may still be shown: only within the window after it was first sent. */
export function replayStillShowsLinks(firstSentAt: Date, now: Date): boolean {
  return now.getTime() - firstSentAt.getTime() <= REPLAY_WINDOW_MS;
}
