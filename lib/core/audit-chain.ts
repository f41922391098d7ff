import { asc, eq, isNull, lt, or, sql } from "drizzle-orm";
import { z } from "zod";
import { getDb, type Executor } from "@/db/client";
import { parseRows } from "@/db/rows";
import { auditChainChecks, practices } from "@/db/schema";
import type { Actor } from "./actor-types";
import { clock } from "./clock";
import { QUEUES, requestJobIfRunning } from "./jobs";
import { requireOwner } from "./owner";

/*
 * Checking the audit trail's hash chain (decision 0040). A trigger in the database links each
 * audit_events row to the previous one of its practice: chain_seq counts 1, 2, 3… and
 * hash = audit_event_hash(previous hash, the row) — the same SQL function here, so the check and
 * the writing can never disagree on what a row's hash covers. audit_chain_heads keeps each chain's
 * last link. A row changed after the fact no longer matches its hash; a row deleted leaves a gap
 * in chain_seq (or, the last one, a head ahead of the rows); a row slipped in with the trigger off
 * has no link. What it cannot see is a chain recomputed whole by someone who owns the database:
 * that is what the least-privileged app role (db/app-role.ts) is for.
 */

export type ChainReport = {
  /** The practice's id; null for the rows of no practice (sign-in failures for unknown addresses). */
  practiceId: string | null;
  rows: number;
  whole: boolean;
  /** The first row that does not follow from the one before: its id and place in the chain, and why. */
  firstBroken: { id: number | null; chainSeq: number | null; reason: string } | null;
};

const nullableNumber = z.union([z.null(), z.coerce.number()]);
const rowSchema = z.object({ chain_key: z.string(), id: nullableNumber, chain_seq: nullableNumber, reason: z.string().nullable(), rows: z.coerce.number() });

/**
 * One report per chain (all of them, or only `practiceId`'s). Reads every row of the chain once,
 * in order; a few hundred thousand rows take seconds.
 */
export async function verifyAuditChains(executor: Executor, options: { practiceId?: string } = {}): Promise<ChainReport[]> {
  const only = options.practiceId ?? null;
  const result = await executor.execute(sql`
    with links as (
      select coalesce(e.practice_id::text, '') as chain_key, e.id, e.chain_seq, e.hash,
             coalesce(lag(e.chain_seq) over w, 0) as prev_seq,
             audit_event_hash(coalesce(lag(e.hash) over w, ''), e) as expected
      from audit_events e
      where ${only}::uuid is null or e.practice_id = ${only}::uuid
      window w as (partition by coalesce(e.practice_id::text, '') order by e.chain_seq nulls last, e.id)
    ),
    bad as (
      select distinct on (chain_key) chain_key, id, chain_seq,
             case when chain_seq is null then 'written without a link (the chain trigger was off)'
                  when chain_seq <> prev_seq + 1 then 'rows before it are missing'
                  else 'changed after it was written' end as reason
      from links
      where chain_seq is null or chain_seq <> prev_seq + 1 or hash is distinct from expected
      order by chain_key, chain_seq nulls last, id
    ),
    tails as (
      select chain_key, count(*) as rows, max(chain_seq) as last_seq,
             (array_agg(hash order by chain_seq desc nulls last))[1] as last_hash
      from links group by chain_key
    ),
    chains as (
      select coalesce(t.chain_key, h.chain_key) as chain_key, coalesce(t.rows, 0) as rows, t.last_seq, t.last_hash,
             h.last_seq as head_seq, h.last_hash as head_hash
      from tails t full join audit_chain_heads h on h.chain_key = t.chain_key
      where ${only}::text is null or coalesce(t.chain_key, h.chain_key) = ${only}::text
    )
    select c.chain_key, c.rows, b.id, coalesce(b.chain_seq, case when b.chain_key is null then coalesce(c.last_seq, 0) + 1 end) as chain_seq,
           coalesce(b.reason, case when c.head_seq is distinct from c.last_seq or c.head_hash is distinct from c.last_hash
                                   then 'the newest rows are missing' end) as reason
    from chains c left join bad b on b.chain_key = c.chain_key
    order by c.chain_key
  `);
  return parseRows(rowSchema, result).map((row) => ({
    practiceId: row.chain_key === "" ? null : row.chain_key,
    rows: row.rows,
    whole: row.reason === null,
    firstBroken: row.reason === null ? null : { id: row.id, chainSeq: row.chain_seq, reason: row.reason },
  }));
}

/** How long a practice's last check stands before the job checks its chain again. */
export const AUDIT_CHECK_EVERY_MS = 60 * 60 * 1000;
/** How many practices one run of the job checks, the longest-waiting first (it runs every minute). */
const CHECKS_PER_RUN = 5;
/** One chain of millions of rows outlasts a request's limit: the background check's own, per practice. */
const CHECK_STATEMENT_TIMEOUT = "10min";

/**
 * The job (every minute): checks the chains of the practices never checked or checked longer than
 * AUDIT_CHECK_EVERY_MS ago, the longest-waiting first, and keeps each report in audit_chain_checks.
 * Each chain is read in one statement, with its head, so rows appended meanwhile are either wholly
 * in the check or wholly after it. Safe to run twice or at once (the later report wins).
 */
export async function runAuditChainChecks(executor: Executor, options: { limit?: number } = {}): Promise<{ checked: number }> {
  const before = new Date(clock.ms() - AUDIT_CHECK_EVERY_MS);
  const due = await executor
    .select({ practiceId: practices.id })
    .from(practices)
    .leftJoin(auditChainChecks, eq(auditChainChecks.practiceId, practices.id))
    .where(or(isNull(auditChainChecks.checkedAt), lt(auditChainChecks.checkedAt, before)))
    .orderBy(sql`${auditChainChecks.checkedAt} nulls first`, asc(practices.id))
    .limit(options.limit ?? CHECKS_PER_RUN);
  for (const { practiceId } of due) {
    await executor.transaction(async (tx) => {
      await tx.execute(sql`select set_config('statement_timeout', ${CHECK_STATEMENT_TIMEOUT}, true)`);
      const [report] = await verifyAuditChains(tx, { practiceId });
      const check = {
        checkedAt: clock.now(),
        rows: report?.rows ?? 0,
        whole: report?.whole ?? true,
        brokenId: report?.firstBroken?.id ?? null,
        brokenSeq: report?.firstBroken?.chainSeq ?? null,
        reason: report?.firstBroken?.reason ?? null,
      };
      await tx
        .insert(auditChainChecks)
        .values({ practiceId, ...check })
        .onConflictDoUpdate({ target: auditChainChecks.practiceId, set: check });
    });
  }
  return { checked: due.length };
}

/** A practice's chain as its last background check found it, and when. */
export type ChainCheck = ChainReport & { checkedAt: Date };

/**
 * For the owner's settings page: the last check of the practice's own trail (the job's, at most
 * AUDIT_CHECK_EVERY_MS old), or null before the first, which it asks the job engine for. Reading
 * the whole chain on each view would grow with the trail.
 */
export async function auditChainStatus(actor: Actor): Promise<ChainCheck | null> {
  requireOwner(actor);
  const [row] = await (await getDb()).select().from(auditChainChecks).where(eq(auditChainChecks.practiceId, actor.practiceId));
  if (!row) {
    requestJobIfRunning(QUEUES.auditChain);
    return null;
  }
  return {
    practiceId: row.practiceId,
    rows: row.rows,
    whole: row.whole,
    firstBroken: row.whole ? null : { id: row.brokenId, chainSeq: row.brokenSeq, reason: row.reason ?? "" },
    checkedAt: row.checkedAt,
  };
}
