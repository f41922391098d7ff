// Shared by the integration test fixtures and the Playwright fixtures (e2e/db.ts).
import { closenessV1 } from "@/lib/instruments/closeness-v1";

/**
 * Closeness Inventory answers that give each dimension the level asked for (1–5): every item at
 * that level, the reverse-keyed one mirrored, so the dimension scores (level − 1) × 25.
 */
export function answersForLevels(levels: Partial<Record<string, number>> = {}, fallback = 3): Record<string, number> {
  return Object.fromEntries(
    closenessV1.items.map((item) => {
      const level = levels[item.dimension] ?? fallback;
      return [item.id, item.reverseKeyed ? 6 - level : level];
    }),
  );
}
