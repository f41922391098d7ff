import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { unzipExport, type Row } from "@/test/unzip-export";
import { getDb } from "@/db/client";
import { eq } from "drizzle-orm";
import { clients, invitations, users } from "@/db/schema";
import { NotFoundError } from "@/lib/core/errors";
import { INSTRUMENTS } from "@/lib/instruments";
import { getQuestionnaire } from "@/lib/fhir/client-bundle";
import { generateToken } from "@/lib/core/tokens";
import { schemaErrors, structuralErrors } from "@/test/fhir-validate";
import { answersForLevels, createClientFixture, createPracticeFixture, insertAssessmentFixture, linkCoupleFixture, uniqueId } from "@/test/fixtures";
import { practiceExportFilename, practiceExportStream } from "./practice-export";
import { EXPORT_FILES } from "./readme";

describe("practice export", () => {
  it("holds everything the practice has, described in its README, and nothing of another practice", async () => {
    const a = await createPracticeFixture();
    const b = await createPracticeFixture();
    const db = await getDb();

    const ada = await createClientFixture(a.practiceId, a.clinician.userId, { firstName: "Ada, \"the\" first", dateOfBirth: "1990-04-01" });
    const ben = await createClientFixture(a.practiceId, a.otherClinician.userId);
    const gone = await createClientFixture(a.practiceId, a.clinician.userId, { status: "archived", archivedAt: new Date() });
    const coupleId = await linkCoupleFixture(a.practiceId, ada, ben);
    // More clients than one page (1,000 rows), so the keyset paging is crossed.
    const bulk = Array.from({ length: 1020 }, (_, n) => ({
      practiceId: a.practiceId,
      clinicianId: a.clinician.userId,
      firstName: `Bulk${n}`,
      lastName: "Row",
      email: `bulk-${n}-${uniqueId()}@example.test`,
    }));
    await db.insert(clients).values(bulk);
    const link = generateToken();
    await db.insert(invitations).values({
      practiceId: a.practiceId,
      clientId: ada.id,
      createdBy: a.clinician.userId,
      instruments: [{ key: "closeness", version: 1 }],
      tokenHash: link.tokenHash,
      expiresAt: new Date(Date.now() + 86_400_000),
    });
    const first = await insertAssessmentFixture({ practiceId: a.practiceId, clientId: ada.id, completedAt: new Date("2026-03-01T09:30:00Z"), answers: answersForLevels() });
    await insertAssessmentFixture({ practiceId: a.practiceId, clientId: ben.id, completedAt: new Date("2026-03-02T09:30:00Z"), answers: answersForLevels() });

    const theirs = await createClientFixture(b.practiceId, b.owner.userId);
    await insertAssessmentFixture({ practiceId: b.practiceId, clientId: theirs.id, completedAt: new Date("2026-03-03T09:30:00Z"), answers: answersForLevels() });
    // Another practice's export writes its own audit row, which must not appear in A's.
    await new Response(await practiceExportStream(b.owner)).arrayBuffer();

    const { files, text, csv } = await unzipExport(await practiceExportStream(a.owner));
    expect(Object.keys(files).sort()).toEqual(["README.md", ...EXPORT_FILES.map((f) => f.name)].sort());

    // Every column of every CSV is described in the README, and the headers are exactly the documented ones.
    const readme = text("README.md");
    for (const file of EXPORT_FILES.filter((f) => f.columns.length)) {
      expect(text(file.name).split("\r\n")[0], file.name).toBe(file.columns.map((c) => c.name).join(","));
      for (const column of file.columns) expect(readme).toContain(`| ${column.name} |`);
    }

    const clientRows = csv("clients.csv");
    expect(clientRows).toHaveLength(1023);
    expect(clientRows.find((r) => r.id === ada.id)).toMatchObject({ first_name: 'Ada, "the" first', date_of_birth: "1990-04-01", couple_id: coupleId, status: "active" });
    expect(clientRows.find((r) => r.id === gone.id)).toMatchObject({ status: "archived" });
    expect(csv("clinicians.csv").map((r) => r.id).sort()).toEqual([a.owner.userId, a.clinician.userId, a.otherClinician.userId].sort());
    expect(csv("couples.csv")).toEqual([expect.objectContaining({ id: coupleId, client_ids: [ada.id, ben.id].sort().join(" ") })]);
    expect(csv("invitations.csv")).toEqual([expect.objectContaining({ client_id: ada.id, status: "pending", send_count: "1" })]);
    expect(csv("assessments.csv")).toHaveLength(2);
    const answers = csv("assessment_answers.csv");
    expect(answers).toHaveLength(56);
    expect(answers.filter((r) => r.assessment_id === first.assessment.id).map((r) => r.item_id).slice(0, 3)).toEqual(["k1", "k2", "k3"]);
    expect(csv("scores.csv")).toHaveLength(14);
    const actions = csv("audit_events.csv").map((r) => r.action);
    expect(actions).toContain("practice.export");

    // Nothing of practice B anywhere, and no credential: the link's token and its hash are absent.
    const everything = Object.keys(files).map(text).join("\n");
    for (const secret of [b.practiceId, b.owner.userId, b.owner.email, theirs.id, theirs.email, link.token, link.tokenHash]) {
      expect(everything).not.toContain(secret);
    }
    expect(everything).not.toContain("$argon2");

    // The FHIR bundle: valid R4, references resolving, one Patient per client.
    const bundle = JSON.parse(text("fhir-bundle.json")) as { entry: { resource: { resourceType: string } }[] };
    expect(schemaErrors(bundle)).toEqual([]);
    const questionnaire = getQuestionnaire("closeness-1");
    expect(structuralErrors(bundle, { [questionnaire.url!]: questionnaire })).toEqual([]);
    const count = (type: string) => bundle.entry.filter((e) => e.resource.resourceType === type).length;
    expect([count("Questionnaire"), count("Patient"), count("QuestionnaireResponse"), count("Observation")]).toEqual([INSTRUMENTS.length, 1023, 2, 16]);
  });

  it("probe 6: a client or clinician named like a formula is written as text, negative numbers stay numbers", async () => {
    const a = await createPracticeFixture();
    const db = await getDb();
    const evil = '=HYPERLINK("http://evil.example","x")';
    await createClientFixture(a.practiceId, a.clinician.userId, { firstName: evil, lastName: "+cmd|' /C calc'!A0", preferredName: "@SUM(1)" });
    await db.update(users).set({ name: "-2+3+cmd|' /C calc'!A0" }).where(eq(users.id, a.clinician.userId));
    const { text } = await unzipExport(await practiceExportStream(a.owner));
    const clientsCsv = parse(text("clients.csv"), { columns: true }) as Row[];
    const row = clientsCsv.find((c) => c.first_name?.includes("HYPERLINK"))!;
    expect(row).toMatchObject({ first_name: `'${evil}`, last_name: "'+cmd|' /C calc'!A0", preferred_name: "'@SUM(1)" });
    const cliniciansCsv = parse(text("clinicians.csv"), { columns: true }) as Row[];
    expect(cliniciansCsv.map((c) => c.name)).toContain("'-2+3+cmd|' /C calc'!A0");
    for (const name of ["clients.csv", "clinicians.csv"]) {
      for (const line of text(name).split("\r\n")) expect(line, name).not.toMatch(/(^|,)"?[=+@]/);
    }
  });

  it("is for the owner only", async () => {
    const a = await createPracticeFixture();
    await expect(practiceExportStream(a.clinician)).rejects.toThrow(NotFoundError);
    expect(practiceExportFilename({ practiceTimeZone: "Pacific/Auckland" }, new Date("2026-03-01T12:00:00Z"))).toBe("attune-export-2026-03-02.zip");
  });
});
