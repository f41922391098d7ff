import { afterAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { enqueueEmail } from "@/lib/core/outbox";
import { startJobEngine, stopJobEngine } from "@/lib/core/jobs";
import { createTestPractice, uniqueId } from "@/test/fixtures";
import { renderMetrics } from "./metrics";

afterAll(stopJobEngine);

/** The value of one series in Prometheus text, or null when it is not there. */
function valueOf(text: string, series: string): number | null {
  const line = text.split("\n").find((candidate) => candidate.startsWith(`${series} `));
  return line ? Number(line.slice(series.length + 1)) : null;
}

describe("metrics", () => {
  it("count what waits in the outbox and the job queues, with every queue listed even when empty", async () => {
    await startJobEngine({ work: false });
    const before = await renderMetrics();
    expect(before.contentType).toContain("text/plain");
    expect(valueOf(before.body, 'attune_job_queue_depth{queue="email-dispatch"}')).toEqual(expect.any(Number));
    expect(valueOf(before.body, 'attune_job_queue_depth{queue="plans-run"}')).toEqual(expect.any(Number));
    const pending = valueOf(before.body, 'attune_email_outbox{status="pending"}')!;

    const { practice } = await createTestPractice();
    const to = `metrics-${uniqueId()}@example.test`;
    await enqueueEmail(await getDb(), { practiceId: practice.id, kind: "invitation", to, subject: "Counted", text: "Counted" });
    const after = await renderMetrics();
    expect(valueOf(after.body, 'attune_email_outbox{status="pending"}')).toBeGreaterThanOrEqual(pending + 1);
    expect(valueOf(after.body, "attune_open_critical_alerts")).toEqual(expect.any(Number));
    expect(valueOf(after.body, "attune_process_resident_memory_bytes")).toBeGreaterThan(0);
    // Counts only.
    expect(after.body).not.toContain(to);
  });
});
