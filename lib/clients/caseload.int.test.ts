import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { clients, couples } from "@/db/schema";
import type { Actor } from "@/lib/core/actor-types";
import { createTestPractice } from "@/test/fixtures";
import { COUNT_AHEAD, listCaseload } from "./caseload";
import { parseCaseloadQuery } from "./schemas";

/*
 * The caseload sorted by a score or a date is read through a threshold (lib/clients/caseload.ts):
 * held here to the rule itself, computed in plain JavaScript over every client — couples as one
 * row when both partners are in the view, keyed by the lower score or the later date and then by
 * the id of the partner it was taken from — for both
 * directions, filters and several pages, over a practice where many couples straddle any threshold.
 */

type Person = {
  id: string;
  firstName: string;
  lastName: string;
  status: "active" | "archived";
  coupleId: string | null;
  latestOverall: number | null;
  lastAssessmentAt: Date | null;
};

/** A small deterministic generator, so a failure can be replayed. */
function generator(seed: number) {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

const CLIENTS = 160;
let owner: Actor;
let people: Person[] = [];

beforeAll(async () => {
  const db = await getDb();
  const practice = await createTestPractice();
  owner = practice.owner;
  const random = generator(7);
  const base = Date.UTC(2026, 0, 1);
  const rows = Array.from({ length: CLIENTS }, (_, n) => {
    const scored = random() > 0.15;
    return {
      practiceId: owner.practiceId,
      clinicianId: owner.userId,
      // Fixed-width names compare the same under any collation.
      firstName: `F${String(Math.floor(random() * 900) + 100)}`,
      lastName: `L${String(Math.floor(random() * 90) + 10)}`,
      email: `caseload-${n}-${owner.practiceId}@example.test`,
      status: random() > 0.2 ? ("active" as const) : ("archived" as const),
      // Ties on purpose: scores in whole points, dates in whole days.
      latestOverall: scored ? Math.floor(random() * 60) + 20 : null,
      lastAssessmentAt: scored ? new Date(base + Math.floor(random() * 120) * 86_400_000) : null,
    };
  });
  const inserted = await db.insert(clients).values(rows).returning();
  // Most people in couples (the pairs straddle thresholds), the rest on their own.
  for (let i = 0; i + 1 < inserted.length * 0.8; i += 2) {
    const [couple] = await db.insert(couples).values({ practiceId: owner.practiceId }).returning({ id: couples.id });
    await db.update(clients).set({ coupleId: couple!.id }).where(sql`${clients.id} in (${inserted[i]!.id}, ${inserted[i + 1]!.id})`);
    inserted[i]!.coupleId = couple!.id;
    inserted[i + 1]!.coupleId = couple!.id;
  }
  people = inserted.map((c) => ({ ...c, latestOverall: c.latestOverall === null ? null : Number(c.latestOverall) }));
});

/** The caseload's rows by the rule, sorted as the page promises. */
function expected(status: "active" | "archived" | "all", sort: "latestOverall" | "lastAssessment", dir: "asc" | "desc"): string[] {
  const inView = (p: Person) => status === "all" || p.status === status;
  const view = people.filter(inView);
  const partnerOf = (p: Person) => (p.coupleId ? view.find((o) => o.coupleId === p.coupleId && o.id !== p.id) : undefined);
  const nameKey = (p: Person) => [p.lastName, p.firstName, p.id] as const;
  const before = (a: Person, b: Person) => {
    const [x, y] = [nameKey(a), nameKey(b)];
    for (let i = 0; i < 3; i++) if (x[i] !== y[i]) return x[i]! < y[i]!;
    return false;
  };
  const value = (p: Person | undefined) => (p ? (sort === "latestOverall" ? p.latestOverall : (p.lastAssessmentAt?.getTime() ?? null)) : null);
  const rows = view
    .filter((p) => {
      const partner = partnerOf(p);
      return !(partner && before(partner, p));
    })
    .map((p) => {
      // The deciding member: the one whose (value, id) is lowest (scores) or highest (dates).
      const members = [p, partnerOf(p)]
        .filter((m): m is Person => m !== undefined && value(m) !== null)
        .sort((a, b) => value(a)! - value(b)! || (a.id < b.id ? -1 : 1));
      const deciding = sort === "latestOverall" ? members[0] : members.at(-1);
      return { id: p.id, key: deciding ? value(deciding) : null, decidingId: deciding?.id ?? p.id };
    });
  const sign = dir === "asc" ? 1 : -1;
  rows.sort((a, b) => {
    if (a.key !== b.key) {
      if (a.key === null) return 1;
      if (b.key === null) return -1;
      return sign * (a.key - b.key);
    }
    return sign * (a.decidingId < b.decidingId ? -1 : a.decidingId > b.decidingId ? 1 : 0);
  });
  return rows.map((row) => row.id);
}

describe("the caseload sorted by latest score or last assessment", () => {
  for (const sort of ["latestOverall", "lastAssessment"] as const) {
    for (const dir of ["desc", "asc"] as const) {
      for (const status of ["active", "all"] as const) {
        it(`${sort} ${dir}, ${status}: every page holds the rows the rule puts there`, async () => {
          const all = expected(status, sort, dir);
          const size = 10;
          const pages = Math.ceil(all.length / size);
          for (const page of [1, 2, 3, pages]) {
            const result = await listCaseload(owner, parseCaseloadQuery({ sort, dir, status, page: String(page), size: String(size) }));
            expect(result.rows.map((row) => row.id), `page ${page}`).toEqual(all.slice((page - 1) * size, page * size));
            expect(result.total).toBe(all.length);
            expect(result.totalExact).toBe(true);
          }
        });
      }
    }
  }
});

describe("the caseload's count", () => {
  it("counts exactly up to COUNT_AHEAD rows past the page, then says there are more", async () => {
    const db = await getDb();
    const { owner: big } = await createTestPractice();
    const extra = 30;
    await db.execute(sql`
      insert into clients (practice_id, clinician_id, first_name, last_name, email)
      select ${big.practiceId}, ${big.userId}, 'First', 'Last' || lpad(n::text, 5, '0'), 'count-' || n || '-' || ${big.practiceId} || '@example.test'
      from generate_series(1, ${COUNT_AHEAD + extra}) as n
    `);
    const first = await listCaseload(big, parseCaseloadQuery({}));
    expect(first.totalExact).toBe(false);
    expect(first.total).toBe(COUNT_AHEAD);
    expect(first.rows).toHaveLength(25);
    expect(first.rows[0]!.lastName).toBe("Last00001");
    // Far enough along, the count reaches the end and is exact again; a page past the end is clamped.
    const late = await listCaseload(big, parseCaseloadQuery({ page: "3" }));
    expect(late.totalExact).toBe(true);
    expect(late.total).toBe(COUNT_AHEAD + extra);
    const past = await listCaseload(big, parseCaseloadQuery({ page: "500" }));
    expect(past.query.page).toBe(Math.ceil((COUNT_AHEAD + extra) / 25));
    expect(past.rows.at(-1)!.lastName).toBe(`Last0${COUNT_AHEAD + extra}`);
  });
});
