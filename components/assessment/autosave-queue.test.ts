import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createAutosaveQueue, type SaveStatus } from "./autosave-queue";

function setUp(results: boolean[] | ((batch: Record<string, string>) => Promise<{ ok: boolean }>)) {
  const saved: Record<string, string>[] = [];
  const statuses: SaveStatus[] = [];
  const save =
    typeof results === "function"
      ? results
      : async (batch: Record<string, string>) => {
          saved.push(batch);
          return { ok: results.shift() ?? true };
        };
  const queue = createAutosaveQueue({
    save,
    onStatus: (status) => statuses.push(status),
    setTimer: (run, ms) => setTimeout(run, ms),
    clearTimer: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
    delayMs: 400,
    retryMs: 5_000,
    maxRetries: 3,
  });
  return { queue, saved, statuses };
}

describe("createAutosaveQueue", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("saves answers chosen close together in one batch, after the pause", async () => {
    const { queue, saved, statuses } = setUp([true]);
    queue.queue("a1", "2");
    await vi.advanceTimersByTimeAsync(300);
    queue.queue("a2", "4");
    await vi.advanceTimersByTimeAsync(399);
    expect(saved).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(saved).toEqual([{ a1: "2", a2: "4" }]);
    expect(statuses).toEqual(["saving", "saved"]);
  });

  it("keeps a failed batch and retries it three times, five seconds apart, then waits for the next choice", async () => {
    const { queue, saved, statuses } = setUp([false, false, false, false, true]);
    queue.queue("a1", "1");
    await vi.advanceTimersByTimeAsync(400);
    expect(saved).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(5_000 * 3);
    expect(saved).toHaveLength(4);
    // No fourth automatic retry.
    await vi.advanceTimersByTimeAsync(60_000);
    expect(saved).toHaveLength(4);
    expect(statuses.at(-1)).toBe("error");
    // A new choice sends the kept answer with it.
    queue.queue("a2", "3");
    await vi.advanceTimersByTimeAsync(400);
    expect(saved.at(-1)).toEqual({ a1: "1", a2: "3" });
    expect(statuses.at(-1)).toBe("saved");
  });

  it("a thrown error counts as a failure, and a newer answer wins over the kept one", async () => {
    let calls = 0;
    const batches: Record<string, string>[] = [];
    const { queue, statuses } = setUp(async (batch) => {
      batches.push(batch);
      if (++calls === 1) throw new Error("offline");
      return { ok: true };
    });
    queue.queue("a1", "1");
    await vi.advanceTimersByTimeAsync(400);
    expect(statuses).toEqual(["saving", "error"]);
    queue.queue("a1", "5");
    await vi.advanceTimersByTimeAsync(400);
    expect(batches.at(-1)).toEqual({ a1: "5" });
  });

  it("flush saves at once; discard drops what is queued", async () => {
    const { queue, saved } = setUp([true, true]);
    queue.queue("a1", "1");
    await queue.flush();
    expect(saved).toEqual([{ a1: "1" }]);
    queue.queue("a2", "2");
    queue.discard();
    await vi.advanceTimersByTimeAsync(10_000);
    expect(saved).toHaveLength(1);
    // Nothing queued: nothing sent, no status change.
    await queue.flush();
    expect(saved).toHaveLength(1);
  });

  it("says 'saving' again when answers were chosen while a batch was in flight", async () => {
    let release: (value: { ok: boolean }) => void = () => {};
    const { queue, statuses } = setUp(() => new Promise((resolve) => (release = resolve)));
    queue.queue("a1", "1");
    await vi.advanceTimersByTimeAsync(400);
    queue.queue("a2", "2");
    release({ ok: true });
    await vi.advanceTimersByTimeAsync(0);
    expect(statuses).toEqual(["saving", "saving"]);
  });
});
