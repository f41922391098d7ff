import { eq, inArray, sql } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { emailOutbox, users } from "@/db/schema";
import { createClient } from "@/lib/clients/clients";
import { dispatchDueEmails } from "@/lib/email/dispatcher";
import { stopJobEngine } from "@/lib/core/jobs";
import { createInvitations } from "@/lib/invitations/invitations";
import { getInvitationView } from "@/lib/invitations/public";
import { checkSignUpLink, requestSignUp } from "@/lib/practices/sign-up";
import { addClinician, checkSetPasswordToken, resendSetPasswordLink } from "@/lib/team/team";
import { clientInput, createTestPractice, testIp, uniqueId } from "@/test/fixtures";
import { closeAllSmtp, closedPort, decoded, startSmtp, transportTo } from "@/test/smtp";

// No credential may rest in the database in a usable form (DESIGN.md §3): not while SMTP is down
// and email waits, not after it was sent, not after it was given up. This test runs the flows that
// make one-time links, through an outage and a recovery, and searches every table for the tokens.

const FROM = "Attune Test <no-reply@attune.test>";
const LATER = () => new Date(Date.now() + 24 * 60 * 60_000);

afterAll(async () => {
  await stopJobEngine();
  await closeAllSmtp();
});

/** Every row of every table, as PostgreSQL prints it: what a leaked backup would show. */
async function dumpDatabase(): Promise<string> {
  const db = await getDb();
  const tables = (await db.execute(sql`
    select table_schema, table_name from information_schema.tables
    where table_type = 'BASE TABLE' and table_schema not in ('pg_catalog', 'information_schema')`)) as {
    rows: { table_schema: string; table_name: string }[];
  };
  const parts: string[] = [];
  for (const { table_schema, table_name } of tables.rows) {
    const rows = (await db.execute(sql`select t::text as row from ${sql.identifier(table_schema)}.${sql.identifier(table_name)} t`)) as {
      rows: { row: string }[];
    };
    parts.push(`-- ${table_schema}.${table_name}`, ...rows.rows.map((r) => r.row));
  }
  return parts.join("\n");
}

/**
 * The dump, plus every run in it that decodes as base64, base64url or hex, decoded: a body merely
 * encoded (not sealed) still holds a working link, and must be found.
 */
function withDecodedRuns(dump: string): string {
  const decodedRuns = [...dump.matchAll(/[A-Za-z0-9+/_=-]{24,}/g)].flatMap(([run]) => {
    const texts = [Buffer.from(run, "base64url").toString("utf8"), Buffer.from(run, "base64").toString("utf8")];
    if (/^(?:[0-9a-f]{2})+$/i.test(run)) texts.push(Buffer.from(run, "hex").toString("utf8"));
    return texts;
  });
  return [dump, ...decodedRuns].join("\n");
}

/** The ways a token could be written down and still work once decoded. */
function formsOf(token: string): string[] {
  const bytes = Buffer.from(token, "base64url");
  const base64 = bytes.toString("base64");
  return [token, base64, base64.replace(/=+$/, ""), bytes.toString("hex"), bytes.toString("hex").toUpperCase()];
}

function linkIn(messages: { to: string[]; raw: string }[], to: string, path: RegExp): string {
  const message = messages.find((m) => m.to.includes(to));
  expect(message, `an email to ${to}`).toBeDefined();
  const token = path.exec(decoded(message!.raw))?.[1];
  expect(token, `a link in the email to ${to}`).toBeDefined();
  return token!;
}

describe("one-time links at rest", () => {
  it("no table holds a usable token, while SMTP is down and after it comes back", async () => {
    const { owner } = await createTestPractice();
    const clientEmail = `robin-${uniqueId()}@example.test`;
    const client = await createClient(owner, clientInput({ firstName: "Robin", email: clientEmail }));
    const [invitation] = await createInvitations(owner, { clientId: client.id, includePartner: false });
    const assessmentToken = invitation!.link.split("/a/")[1]!;

    const noor = `noor-${uniqueId()}@example.test`;
    await addClinician(owner, { name: "Noor Haddad", email: noor });
    // A second clinician whose emails are given up; their newest link is the one the owner copied.
    const gone = `gone-${uniqueId()}@example.test`;
    await addClinician(owner, { name: "Gale Gone", email: gone });
    const db = await getDb();
    const [goneUser] = await db.select({ id: users.id }).from(users).where(eq(users.email, gone));
    const goneToken = (await resendSetPasswordLink(owner, goneUser!.id)).link.split("/set-password/")[1]!;

    const signUpEmail = `sign-up-${uniqueId()}@example.test`;
    await requestSignUp({ practiceName: "Lantern Practice", name: "Lee Lantern", email: signUpEmail, timeZone: "Europe/London" }, testIp());

    // SMTP is down: the gone clinician's two emails are given up at once, the rest wait to retry.
    const down = transportTo(await closedPort());
    expect(await dispatchDueEmails({ transport: down, from: FROM, recipients: [gone], maxAttempts: 1 })).toEqual({
      sent: 0,
      retried: 0,
      failed: 2,
    });
    expect(await dispatchDueEmails({ transport: down, from: FROM, practiceId: owner.practiceId })).toMatchObject({ retried: 2 });
    expect(await dispatchDueEmails({ transport: down, from: FROM, recipients: [signUpEmail] })).toMatchObject({ retried: 1 });
    const dumpWhileDown = withDecodedRuns(await dumpDatabase());

    // SMTP is back; time moves past the backoff.
    const smtp = await startSmtp();
    const up = transportTo(smtp.port);
    expect(await dispatchDueEmails({ transport: up, from: FROM, practiceId: owner.practiceId, now: LATER() })).toEqual({
      sent: 2,
      retried: 0,
      failed: 0,
    });
    expect(await dispatchDueEmails({ transport: up, from: FROM, recipients: [signUpEmail], now: LATER() })).toMatchObject({ sent: 1 });
    const dumpAfter = withDecodedRuns(await dumpDatabase());

    // The emails carried working links: the search below looks for real credentials.
    expect(linkIn(smtp.received, clientEmail, /\/a\/([A-Za-z0-9_-]{43})/)).toBe(assessmentToken);
    const setPasswordToken = linkIn(smtp.received, noor, /\/set-password\/([A-Za-z0-9_-]{43})/);
    const signUpToken = linkIn(smtp.received, signUpEmail, /\/sign-up\/confirm\/([A-Za-z0-9_-]+)/);
    expect(await getInvitationView(assessmentToken)).toMatchObject({ state: "open" });
    expect(await checkSetPasswordToken(setPasswordToken)).toMatchObject({ valid: true, name: "Noor Haddad" });
    expect(await checkSetPasswordToken(goneToken)).toMatchObject({ valid: true, name: "Gale Gone" });
    expect(await checkSignUpLink(signUpToken)).toMatchObject({ state: "open", email: signUpEmail });

    for (const [moment, dump] of [
      ["while SMTP was down", dumpWhileDown],
      ["after delivery", dumpAfter],
    ] as const) {
      // The dump is real: it holds the rows these flows wrote.
      for (const expected of ["-- public.email_outbox", "-- public.user_tokens", "-- public.invitations", noor, signUpEmail, owner.practiceId]) {
        expect(dump, moment).toContain(expected);
      }
      for (const token of [assessmentToken, setPasswordToken, goneToken, signUpToken]) {
        for (const form of formsOf(token)) expect(dump.includes(form), `${form} ${moment}`).toBe(false);
      }
    }

    // Sent and given-up email keeps no body at all.
    const rows = await db
      .select({ status: emailOutbox.status, sealedBody: emailOutbox.sealedBody })
      .from(emailOutbox)
      .where(inArray(emailOutbox.toAddress, [clientEmail, noor, gone, signUpEmail]));
    expect(rows).toHaveLength(5);
    for (const row of rows) expect(row).toEqual({ status: expect.stringMatching(/^(sent|failed)$/), sealedBody: null });
    await smtp.close();
    // A long flow on a busy machine: the timeout only guards against a hang.
  }, 120_000);
});
