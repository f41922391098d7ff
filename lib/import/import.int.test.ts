import { and, eq, like, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { auditEvents, clients } from "@/db/schema";
import { DomainError } from "@/lib/core/errors";
import { createClientFixture, createPracticeFixture, linkCoupleFixture, uniqueId } from "@/test/fixtures";
import { IMPORT_MAX_BYTES } from "./csv";
import { importClients, previewImport } from "./import";

const file = (text: string | Uint8Array<ArrayBuffer>, name = "clients.csv") => new File([text], name, { type: "text/csv" });

async function clientsByEmailPattern(practiceId: string, pattern: string) {
  const db = await getDb();
  return db.select().from(clients).where(and(eq(clients.practiceId, practiceId), like(clients.email, pattern)));
}

describe("client import", () => {
  it("previews a messy real-world file row by row and imports exactly the valid rows, couples linked", async () => {
    const p = await createPracticeFixture();
    const id = uniqueId();
    const existing = await createClientFixture(p.practiceId, p.clinician.userId, { email: `kept-${id}@example.test` });
    const single = await createClientFixture(p.practiceId, p.clinician.userId, { email: `single-${id}@example.test`, firstName: "Sol", lastName: "Single" });
    // A byte-order mark, semicolons, a quoted field holding a comma and a semicolon, blank lines.
    const csv =
      "\uFEFFFirst name;Last name;Email;Phone;Date of birth;Preferred name;Clinician email;Partner email\r\n" +
      `Ada;"Lovelace, Countess";ada-${id}@example.test;+44 20 7946 0000;1990-04-01;"A; L";${p.clinician.email};ben-${id}@example.test\r\n` +
      "\r\n" +
      `Ben;Babbage;BEN-${id}@example.test;;;;${p.clinician.email};\r\n` +
      ";;;;;;;\r\n" +
      `Kept;Already;kept-${id}@example.test;;;;;\r\n` +
      `Ada;Again;ada-${id}@example.test;;;;;\r\n` +
      `Bad;Email;not-an-email;;;;;\r\n` +
      `Cy;Clever;cy-${id}@example.test;;1985-13-40;;;\r\n` +
      `Dee;Nobody;dee-${id}@example.test;;;;nobody-${id}@example.test;\r\n` +
      `Eve;Lone;eve-${id}@example.test;;;;;ghost-${id}@example.test\r\n` +
      `Fay;Joins;fay-${id}@example.test;;;;${p.otherClinician.email};single-${id}@example.test\r\n`;

    const preview = await previewImport(p.owner, file(csv));
    const byLine = Object.fromEntries(preview.rows.map((row) => [row.line, row]));
    expect(preview.counts).toEqual({ rows: 9, new: 3, duplicate: 2, invalid: 4, couples: 2 });
    expect(byLine[2]).toMatchObject({ status: "new", name: "Ada Lovelace, Countess", partner: `Ben Babbage (line 4)` });
    expect(byLine[4]).toMatchObject({ status: "new", partner: `Ada Lovelace, Countess (line 2)` });
    expect(byLine[6]).toMatchObject({ status: "duplicate", reasons: ["An active client of your practice already has this email; left as it is."] });
    expect(byLine[7]).toMatchObject({ status: "duplicate", reasons: ["Same email as line 2; only the first is imported."] });
    expect(byLine[8]).toMatchObject({ status: "invalid", reasons: ["Enter an email address like name@example.com."] });
    expect(byLine[9]).toMatchObject({ status: "invalid", reasons: ["Enter a date as YYYY-MM-DD."] });
    expect(byLine[10]).toMatchObject({ status: "invalid", reasons: [`No active clinician of your practice has the email nobody-${id}@example.test.`] });
    expect(byLine[11]).toMatchObject({ status: "invalid", reasons: [`Partner email ghost-${id}@example.test is not in this file or your caseload.`] });
    expect(byLine[12]).toMatchObject({ status: "new", partner: "Sol Single (already a client)" });

    const result = await importClients(p.owner, preview.sealed);
    expect(result).toMatchObject({ new: 3, couples: 2 });

    const imported = await clientsByEmailPattern(p.practiceId, `%-${id}@example.test`);
    const byEmail = Object.fromEntries(imported.map((c) => [c.email, c]));
    expect(Object.keys(byEmail).sort()).toEqual([`ada-${id}@example.test`, `ben-${id}@example.test`, `fay-${id}@example.test`, existing.email, single.email].sort());
    const ada = byEmail[`ada-${id}@example.test`]!;
    expect(ada).toMatchObject({ lastName: "Lovelace, Countess", preferredName: "A; L", phone: "+44 20 7946 0000", dateOfBirth: "1990-04-01", clinicianId: p.clinician.userId });
    expect(ada.coupleId).not.toBeNull();
    expect(byEmail[`ben-${id}@example.test`]!.coupleId).toBe(ada.coupleId);
    expect(byEmail[`fay-${id}@example.test`]).toMatchObject({ clinicianId: p.otherClinician.userId });
    expect(byEmail[single.email]!.coupleId).toBe(byEmail[`fay-${id}@example.test`]!.coupleId);
    expect(byEmail[existing.email]!.firstName).toBe(existing.firstName);

    const db = await getDb();
    const audits = await db.select().from(auditEvents).where(and(eq(auditEvents.practiceId, p.practiceId), eq(auditEvents.action, "client.import")));
    expect(audits).toHaveLength(1);
    expect(audits[0]!.details).toEqual({ rows: 9, new: 3, duplicate: 2, invalid: 4, couples: 2 });
    expect(JSON.stringify(audits[0])).not.toContain("example.test");

    // The same preview cannot be imported twice: the file's rows are now duplicates.
    await expect(importClients(p.owner, preview.sealed)).rejects.toThrow(/changed since the preview/);
  });

  it("imports a clinician's rows into their own caseload only", async () => {
    const p = await createPracticeFixture();
    const id = uniqueId();
    const theirs = await createClientFixture(p.practiceId, p.otherClinician.userId, { email: `theirs-${id}@example.test` });
    const csv =
      "first_name,last_name,email,clinician_email,partner_email\n" +
      `Gil,Mine,gil-${id}@example.test,,\n` +
      `Hal,Other,hal-${id}@example.test,${p.otherClinician.email},\n` +
      `Ivy,Partner,ivy-${id}@example.test,,${theirs.email}\n`;
    const preview = await previewImport(p.clinician, file(csv));
    expect(preview.rows.map((row) => [row.line, row.status, row.reasons])).toEqual([
      [3, "invalid", ["You can import clients only into your own caseload: leave “clinician email” empty."]],
      // Another clinician's client is, to this clinician, not there at all.
      [4, "invalid", [`Partner email ${theirs.email} is not in this file or your caseload.`]],
      [2, "new", []],
    ]);
    await importClients(p.clinician, preview.sealed);
    const imported = await clientsByEmailPattern(p.practiceId, `%-${id}@example.test`);
    expect(imported.map((c) => [c.email, c.clinicianId]).sort()).toEqual(
      [
        [`gil-${id}@example.test`, p.clinician.userId],
        [theirs.email, p.otherClinician.userId],
      ].sort(),
    );
  });

  it("refuses whole files it cannot read, with a message that says why, and imports nothing", async () => {
    const p = await createPracticeFixture();
    const refusal = (f: File) => previewImport(p.owner, f).then(() => "accepted", (error: Error) => (error instanceof DomainError ? error.message : `crash: ${error.message}`));
    expect(await refusal(file("first name,last name,email,notes\nA,B,a@example.test,hi\n"))).toMatch(/^Unknown column: “notes”\. The columns are: first name, last name, email/);
    expect(await refusal(file("first name,email\nA,a@example.test\n"))).toMatch(/no “last name” column/);
    expect(await refusal(file(new Uint8Array([0x50, 0x4b, 3, 4, 20, 0, 0, 0]), "clients.xlsx"))).toMatch(/not a CSV file/);
    expect(await refusal(file(new Uint8Array([0x50, 0x4b, 3, 4, 20, 0, 0, 0])))).toMatch(/not a CSV file/);
    expect(await refusal(file(new Uint8Array([0x66, 0xff, 0xfe, 0x0a])))).toMatch(/not UTF-8 text/);
    expect(await refusal(file('first name,last name,email\n"Ada,Lovelace,a@example.test\n'))).toMatch(/could not be read as CSV/);
    expect(await refusal(file(""))).toBe("The file is empty.");
    // 50 MB: refused on its size, before it is read.
    const huge = { name: "big.csv", size: 50 * 1024 * 1024, arrayBuffer: () => Promise.reject(new Error("read a refused file")) };
    await expect(previewImport(p.owner, huge)).rejects.toThrow(/The file is 50\.0 MB; the limit is 5 MB/);
    expect(IMPORT_MAX_BYTES).toBe(5 * 1024 * 1024);
    const db = await getDb();
    const [{ count }] = (await db.select({ count: sql<number>`count(*)::int` }).from(clients).where(eq(clients.practiceId, p.practiceId))) as [{ count: number }];
    expect(count).toBe(0);
  });

  it("refuses a preview sealed for someone else, or tampered with", async () => {
    const p = await createPracticeFixture();
    const preview = await previewImport(p.owner, file(`first name,last name,email\nAda,L,ada-${uniqueId()}@example.test\n`));
    await expect(importClients(p.clinician, preview.sealed)).rejects.toThrow(/made for someone else/);
    await expect(importClients(p.owner, `${preview.sealed.slice(0, -2)}AA`)).rejects.toThrow(/made for someone else/);
    const other = await createPracticeFixture();
    await expect(importClients(other.owner, preview.sealed)).rejects.toThrow(/made for someone else/);
  });

  it("leaves nothing behind when the database fails in the middle of a large import", async () => {
    const p = await createPracticeFixture();
    const id = uniqueId();
    const lines = ["first name,last name,email"];
    for (let n = 0; n < 2500; n++) lines.push(`Row${n},Bulk,bulk-${n}-${id}@example.test`);
    const preview = await previewImport(p.owner, file(lines.join("\n")));
    expect(preview.counts).toMatchObject({ new: 2500, invalid: 0 });

    // A real failure from the database, after the first 1,000-row chunk has gone in.
    const failing = `bulk-1500-${id}@example.test`;
    const db = await getDb();
    await db.execute(
      sql.raw(`create or replace function fail_import_${id}() returns trigger language plpgsql as $$
        begin if new.email = '${failing}' then raise exception 'disk full (simulated)'; end if; return new; end $$`),
    );
    await db.execute(sql.raw(`create trigger fail_import_${id} before insert on clients for each row execute function fail_import_${id}()`));
    try {
      await expect(importClients(p.owner, preview.sealed)).rejects.toThrow();
    } finally {
      await db.execute(sql.raw(`drop trigger fail_import_${id} on clients`));
      await db.execute(sql.raw(`drop function fail_import_${id}()`));
    }
    expect(await clientsByEmailPattern(p.practiceId, `bulk-%-${id}@example.test`)).toHaveLength(0);
    const audits = await db.select().from(auditEvents).where(and(eq(auditEvents.practiceId, p.practiceId), eq(auditEvents.action, "client.import")));
    expect(audits).toHaveLength(0);

    // With the fault gone, the same preview imports all of it.
    await importClients(p.owner, preview.sealed);
    expect(await clientsByEmailPattern(p.practiceId, `bulk-%-${id}@example.test`)).toHaveLength(2500);
  });

  it("does not import a couple when one partner's row is invalid, nor link an already-linked client", async () => {
    const p = await createPracticeFixture();
    const id = uniqueId();
    const a = await createClientFixture(p.practiceId, p.clinician.userId, { email: `a-${id}@example.test` });
    const b = await createClientFixture(p.practiceId, p.clinician.userId, { email: `b-${id}@example.test` });
    await linkCoupleFixture(p.practiceId, a, b);
    const csv =
      "first name,last name,email,date of birth,partner email\n" +
      `Jo,One,jo-${id}@example.test,,kim-${id}@example.test\n` +
      `Kim,Two,kim-${id}@example.test,tomorrow,\n` +
      `Lu,Three,lu-${id}@example.test,,${a.email}\n`;
    const preview = await previewImport(p.owner, file(csv));
    const byLine = Object.fromEntries(preview.rows.map((row) => [row.line, row]));
    expect(byLine[2]).toMatchObject({ status: "invalid", reasons: ["Their partner on line 3 cannot be imported."] });
    expect(byLine[3]).toMatchObject({ status: "invalid", reasons: ["Enter a date as YYYY-MM-DD."] });
    expect(byLine[4]!.status).toBe("invalid");
    expect(byLine[4]!.reasons[0]).toMatch(/is already linked with a partner/);
    await expect(importClients(p.owner, preview.sealed)).rejects.toThrow(/nothing to import/);
  });
});
