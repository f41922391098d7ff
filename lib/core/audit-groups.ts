/** An audit entry as the trail shows it; `describe` has already turned action and details into words. */
type TrailEntry = { id: number; actorName: string | null; createdAt: Date; text: string };

export type TrailGroup = {
  /** The newest entry's id, a stable key. */
  id: number;
  actorName: string | null;
  text: string;
  count: number;
  /** Newest and oldest of the run. */
  last: Date;
  first: Date;
};

/**
 * Runs of the same thing by the same person, next to each other in the trail, become one line
 * ("Viewed the record ×14"), so a dozen page views do not bury the one edit between them. Order is
 * kept (newest first, as given); nothing is dropped, only counted.
 */
export function groupAuditTrail(entries: readonly TrailEntry[]): TrailGroup[] {
  const groups: TrailGroup[] = [];
  for (const entry of entries) {
    const current = groups.at(-1);
    if (current && current.text === entry.text && current.actorName === entry.actorName) {
      current.count += 1;
      current.first = entry.createdAt;
      continue;
    }
    groups.push({ id: entry.id, actorName: entry.actorName, text: entry.text, count: 1, last: entry.createdAt, first: entry.createdAt });
  }
  return groups;
}
