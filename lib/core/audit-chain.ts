import { sql } from "drizzle-orm";
import { z } from "zod";
import { getDb, type Executor } from "@/db/client";
import { parseRows } from "@/db/rows";
import type { Actor } from "./actor-types";
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

/** For the owner's settings page: whether the practice's own trail is whole. */
export async function auditChainStatus(actor: Actor): Promise<ChainReport> {
  requireOwner(actor);
  const [report] = await verifyAuditChains(await getDb(), { practiceId: actor.practiceId });
  return report ?? { practiceId: actor.practiceId, rows: 0, whole: true, firstBroken: null };
}
