/**
 * The questionnaire's background saving, as a plain state machine (no React, no DOM), so it can be
 * tested alone. Answers are queued as they are chosen and saved in one batch after a short pause;
 * a batch that fails is kept (behind anything chosen since) and tried again a few times, then left
 * for the next choice or for sending, which posts every answer anyway.
 */
export type SaveStatus = "idle" | "saving" | "saved" | "error";

export type AutosaveQueueOptions = {
  save: (batch: Record<string, string>) => Promise<{ ok: boolean }>;
  onStatus: (status: SaveStatus) => void;
  /** A timer: setTimeout and clearTimeout in the browser, fakes in tests. */
  setTimer: (run: () => void, ms: number) => unknown;
  clearTimer: (handle: unknown) => void;
  delayMs?: number;
  retryMs?: number;
  maxRetries?: number;
};

export const AUTOSAVE_DELAY_MS = 400;
export const RETRY_DELAY_MS = 5_000;
export const MAX_AUTOMATIC_RETRIES = 3;

export type AutosaveQueue = {
  /** An answer chosen: saved after the pause, with whatever else is chosen meanwhile. */
  queue: (itemId: string, value: string) => void;
  /** Saves what is queued now (leaving the part, hiding the tab). */
  flush: () => Promise<void>;
  /** Drops what is queued and any timer (the form goes to the server with every answer). */
  discard: () => void;
};

export function createAutosaveQueue({
  save,
  onStatus,
  setTimer,
  clearTimer,
  delayMs = AUTOSAVE_DELAY_MS,
  retryMs = RETRY_DELAY_MS,
  maxRetries = MAX_AUTOMATIC_RETRIES,
}: AutosaveQueueOptions): AutosaveQueue {
  let pending: Record<string, string> = {};
  let timer: unknown;
  let failures = 0;

  const stopTimer = () => {
    if (timer !== undefined) clearTimer(timer);
    timer = undefined;
  };

  async function flush(): Promise<void> {
    stopTimer();
    const batch = pending;
    pending = {};
    if (Object.keys(batch).length === 0) return;
    onStatus("saving");
    let ok = false;
    try {
      ok = (await save(batch)).ok;
    } catch {
      ok = false;
    }
    if (ok) {
      failures = 0;
      onStatus(Object.keys(pending).length > 0 ? "saving" : "saved");
      return;
    }
    pending = { ...batch, ...pending };
    onStatus("error");
    if (++failures <= maxRetries) timer = setTimer(() => void flush(), retryMs);
  }

  return {
    queue(itemId, value) {
      pending[itemId] = value;
      // A new choice is a new chance: the retry count starts over.
      failures = 0;
      stopTimer();
      timer = setTimer(() => void flush(), delayMs);
    },
    flush,
    discard() {
      stopTimer();
      pending = {};
    },
  };
}
