// Seeds one benchmark practice straight into PostgreSQL, set-based (generate_series, one statement
// per table and chunk of clients): clients, half of them in couples, about ten completed
// assessments each over two years (each from a completed invitation, with its seven dimension
// scores, scored by the real scoring function), one client with 40, and pending invitations for
// the submission run. Source rows only: everything derived from them (each client's latest, the
// totals, the couples' gaps, the overview's aggregates) is then rebuilt from that history by
// `rebuildPracticeDerived` (lib/assessments/rebuild-derived.ts), the definitions the write path uses.
import { performance } from "node:perf_hooks";
import type pg from "pg";
import { generateToken } from "@/lib/core/tokens";
import { closenessV1, scoreResponse } from "@/lib/instruments";

export type SeededPractice = {
  practiceId: string;
  ownerId: string;
  ownerEmail: string;
  clients: number;
  assessments: number;
  /** A client with LONG_HISTORY assessments (the client page and the CSV). */
  longHistoryClientId: string;
  /** Raw tokens of pending invitations, one per client, for the submission run and /a/<token>. */
  pendingTokens: string[];
  seconds: number;
};

/**
 * How the scores are spread: "few-drops" (steady clients, about one in eight with a reliable drop
 * at the latest assessment) or "many-drops" (scores spread widely: every answer set, at random per
 * assessment, and half of the clients ending on a drop — a practice in a hard season).
 */
export type Distribution = "few-drops" | "many-drops";
export const DISTRIBUTIONS: readonly Distribution[] = ["few-drops", "many-drops"];

export const PASSWORD = "bench-velvet-orchard-compass";
const LONG_HISTORY = 40;
const PER_CLIENT = 10;
const CHUNK = 2_500;

/*
 * Deterministic answer sets, scored by the real scoring function. Sets 0–23 are "steady": a base
 * level (2, 3 or 4 on every item) with a wobble of one level on some items, never on all four of
 * a dimension, so two steady sets of one base never differ reliably. Set 24 is "dropped" (level 1
 * everywhere): a client whose latest assessment uses it fell reliably, as about one in eight do.
 */
const STEADY_SETS = 24;
const DROPPED_SET = 24;
function answerSets() {
  return Array.from({ length: STEADY_SETS + 1 }, (_, k) => {
    const answers = Object.fromEntries(
      closenessV1.items.map((item, n) => {
        const level = k === DROPPED_SET ? 1 : 2 + (k % 3) + (n % 4 !== 0 && ((k >> 2) + n) % 3 === 0 ? (k % 3 === 2 ? -1 : 1) : 0);
        return [item.id, item.reverseKeyed ? 6 - level : level];
      }),
    );
    const scores = scoreResponse(closenessV1, answers);
    return { k, answers, overall: scores.overall, dimensions: scores.dimensions as Record<string, number> };
  });
}

function progress(label: string, done: number, total: number) {
  if (!process.stderr.isTTY && done !== total && done !== 0) return;
  const width = 30;
  const filled = Math.round((done / total) * width);
  process.stderr.write(`\r  ${label.padEnd(24)} [${"#".repeat(filled)}${".".repeat(width - filled)}] ${done}/${total}${done === total ? "\n" : ""}`);
}

export async function seedPractice(
  client: pg.ClientBase,
  options: { clients: number; label: string; pending: number; passwordHash: string; distribution?: Distribution },
): Promise<SeededPractice> {
  const started = performance.now();
  const n = options.clients;
  const q = (text: string, values: unknown[] = []) => client.query(text, values);

  const practice = (await q(`insert into practices (name, time_zone) values ($1, 'Europe/London') returning id`, [`Bench ${options.label}`])).rows[0].id as string;
  const staffCount = Math.max(2, Math.min(20, Math.ceil(n / 250)));
  const ownerEmail = `owner-${options.label}-${practice.slice(0, 8)}@bench.test`;
  const owner = (
    await q(`insert into users (practice_id, name, email, role, password_hash) values ($1, 'Bench owner', $2, 'owner', $3) returning id`, [
      practice,
      ownerEmail,
      options.passwordHash,
    ])
  ).rows[0].id as string;
  await q(
    `insert into users (practice_id, name, email, role)
     select $1, 'Clinician ' || i, 'clinician-' || i || '-' || $2 || '@bench.test', 'clinician'::user_role from generate_series(1, $3::int - 1) i`,
    [practice, practice.slice(0, 8), staffCount],
  );

  // Clients by ordinal i (kept in a temp table to join assessments to); client 1 has the long history.
  await q(`drop table if exists bench_clients; create temp table bench_clients (i int primary key, id uuid not null, clinician_id uuid not null, pair int, n int not null)`);
  await q(
    `with staff as (select array_agg(id order by role, id) as ids from users where practice_id = $1)
     insert into bench_clients (i, id, clinician_id, pair, n)
     select i, gen_random_uuid(), staff.ids[1 + i % array_length(staff.ids, 1)],
       case when i < ($2::int / 4) * 2 then i / 2 end,
       case when i = 1 then ${LONG_HISTORY} else ${PER_CLIENT} - 2 + (i * 7) % 5 end
     from generate_series(0, $2::int - 1) i, staff`,
    [practice, n],
  );
  // Half of the clients in couples: pairs (0,1), (2,3), … over the first half.
  await q(`drop table if exists bench_couples; create temp table bench_couples as select pair, gen_random_uuid() as id from bench_clients where pair is not null group by pair`);
  await q(`insert into couples (id, practice_id, created_at) select id, $1, now() - interval '800 days' from bench_couples`, [practice]);
  await q(
    `insert into clients (id, practice_id, clinician_id, first_name, last_name, email, status, couple_id, created_at, archived_at)
     select c.id, $1, c.clinician_id, 'First' || ((c.i * 7919) % 100000), 'Last' || ((c.i::bigint * 104729) % 100000),
       'client' || c.i || '-' || $2 || '@bench.test',
       (case when c.i % 10 = 9 and c.pair is null then 'archived' else 'active' end)::client_status,
       bc.id, now() - interval '800 days', case when c.i % 10 = 9 and c.pair is null then now() - interval '30 days' end
     from bench_clients c left join bench_couples bc on bc.pair = c.pair`,
    [practice, practice.slice(0, 8)],
  );

  const sets = answerSets();
  await q(`drop table if exists bench_sets; create temp table bench_sets (k int primary key, answers jsonb, overall numeric)`);
  await q(`insert into bench_sets select * from json_to_recordset($1::json) as x(k int, answers jsonb, overall numeric)`, [
    JSON.stringify(sets.map(({ k, answers, overall }) => ({ k, answers, overall }))),
  ]);
  await q(`drop table if exists bench_set_scores; create temp table bench_set_scores (k int, dimension text, score numeric)`);
  await q(`insert into bench_set_scores select * from json_to_recordset($1::json) as x(k int, dimension text, score numeric)`, [
    JSON.stringify(sets.flatMap(({ k, dimensions }) => Object.entries(dimensions).map(([dimension, score]) => ({ k, dimension, score })))),
  ]);

  // Assessments per chunk of clients: spread over two years; partners of a couple within a day.
  let assessments = 0;
  await q(`drop table if exists bench_chunk; create temp table bench_chunk (id uuid, invitation_id uuid, client_id uuid, clinician_id uuid, completed_at timestamptz, k int)`);
  progress(`seed ${options.label}`, 0, n);
  for (let lo = 0; lo < n; lo += CHUNK) {
    const hi = Math.min(n, lo + CHUNK);
    await q(`truncate bench_chunk`);
    await q(
      `insert into bench_chunk
       select gen_random_uuid(), gen_random_uuid(), c.id, c.clinician_id,
         now() - make_interval(secs => 86400 * (730.0 * (c.n - j - 0.6) / c.n + (coalesce(c.pair, c.i) * 37 % 60) / 10.0 + (c.i % 2) * 0.4)),
         ${
           options.distribution === "many-drops"
             ? `case when c.i % 2 = 1 and j = c.n - 1 then ${DROPPED_SET} else ((c.i::bigint * 7919 + j * 104729) % ${STEADY_SETS + 1})::int end`
             : `case when c.i % 8 = 5 and j = c.n - 1 then ${DROPPED_SET} else c.i % 3 + 3 * ((c.i + j) % 8) end`
         }
       from bench_clients c cross join lateral generate_series(0, c.n - 1) j
       where c.i >= $1 and c.i < $2`,
      [lo, hi],
    );
    await q(
      `insert into invitations (id, practice_id, client_id, created_by, instruments, token_hash, status,
         expires_at, opened_at, completed_at, last_sent_at, created_at, updated_at)
       select a.invitation_id, $1, a.client_id, a.clinician_id, jsonb_build_array(jsonb_build_object('key', $2::text, 'version', $3::int)), md5(random()::text) || md5(random()::text), 'completed'::invitation_status,
         a.completed_at + interval '12 days', a.completed_at - interval '1 hour', a.completed_at,
         a.completed_at - make_interval(secs => 3600 * (2 + a.k)), a.completed_at - make_interval(secs => 3600 * (2 + a.k)), a.completed_at
       from bench_chunk a`,
      [practice, closenessV1.key, closenessV1.version],
    );
    const inserted = await q(
      `insert into assessments (id, practice_id, client_id, invitation_id, instrument_key, instrument_version, answers, overall, completed_at)
       select a.id, $1, a.client_id, a.invitation_id, $2, $3, s.answers, s.overall, a.completed_at
       from bench_chunk a inner join bench_sets s on s.k = a.k`,
      [practice, closenessV1.key, closenessV1.version],
    );
    assessments += inserted.rowCount ?? 0;
    await q(
      `insert into assessment_scores (assessment_id, practice_id, client_id, dimension, score, completed_at)
       select a.id, $1, a.client_id, s.dimension, s.score, a.completed_at from bench_chunk a inner join bench_set_scores s on s.k = a.k`,
      [practice],
    );
    progress(`seed ${options.label}`, hi, n);
  }
  // Pending invitations for the submission run, one per (active, uncoupled-first) client.
  const pendingTokens: string[] = [];
  const pendingClients = (
    await q(`select c.id, c.clinician_id from bench_clients c inner join clients cl on cl.id = c.id where cl.status = 'active' and c.i <> 1 order by c.i desc limit $1`, [
      options.pending,
    ])
  ).rows as { id: string; clinician_id: string }[];
  const rows = pendingClients.map((c) => {
    const { token, tokenHash } = generateToken();
    pendingTokens.push(token);
    return { client_id: c.id, created_by: c.clinician_id, token_hash: tokenHash };
  });
  await q(
    `insert into invitations (practice_id, client_id, created_by, instruments, token_hash, expires_at)
     select $1, x.client_id, x.created_by, jsonb_build_array(jsonb_build_object('key', $2::text, 'version', $3::int)), x.token_hash, now() + interval '14 days'
     from json_to_recordset($4::json) as x(client_id uuid, created_by uuid, token_hash text)`,
    [practice, closenessV1.key, closenessV1.version, JSON.stringify(rows)],
  );

  const longHistoryClientId = (await q(`select id from bench_clients where i = 1`)).rows[0].id as string;
  await q(`drop table bench_chunk, bench_clients, bench_couples, bench_sets, bench_set_scores`);
  return {
    practiceId: practice,
    ownerId: owner,
    ownerEmail,
    clients: n,
    assessments,
    longHistoryClientId,
    pendingTokens,
    seconds: (performance.now() - started) / 1000,
  };
}
