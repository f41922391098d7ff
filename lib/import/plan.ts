import { clientInputSchema } from "@/lib/clients/schemas";
import { isLocale, languageName, listLocales } from "@/lib/i18n/catalogues";
import { looksLikeFormula } from "@/lib/core/csv-write";
import { emailSchema } from "@/lib/core/validation";
import type { ImportRecord } from "./csv";

/*
 * What an import will do, row by row: pure, so the preview and the import itself run the very same
 * rules (and the form's: the client fields go through the form's own zod schema).
 */

/** What the database says about the emails in the file, loaded by lib/import/import.ts. */
export type ImportContext = {
  owner: boolean;
  actorUserId: string;
  actorEmail: string;
  /** Active users of the practice, by lower-cased email. */
  clinicians: ReadonlyMap<string, string>;
  /** Active clients of the practice whose email appears in the file (as a client or as a partner). */
  existing: ReadonlyMap<string, { id: string; clinicianId: string; coupleId: string | null; name: string }>;
};

export type PreviewStatus = "new" | "duplicate" | "invalid";

export type PreviewRow = {
  line: number;
  name: string;
  email: string;
  status: PreviewStatus;
  /** Why a row is a duplicate or invalid; empty for a new one. */
  reasons: string[];
  /** For a new row linked as a couple: with whom. */
  partner?: string;
  /** What is imported but worth a look: a name a spreadsheet would read as a formula (kept as text). */
  warnings: string[];
};

const NAME_FIELDS = [
  ["firstName", "first name"],
  ["lastName", "last name"],
  ["preferredName", "preferred name"],
] as const;

/** Issue 24, probe 6: a name that a spreadsheet would run as a formula is kept as text, and said. */
export function formulaWarnings(values: ImportRecord["values"]): string[] {
  return NAME_FIELDS.filter(([field]) => looksLikeFormula((values[field] ?? "").trim())).map(
    ([, label]) => `The ${label} begins with a character a spreadsheet reads as a formula (= + - @): it is kept as text, and exports write it with a leading '.`,
  );
}

const clientFieldsSchema = clientInputSchema.omit({ clinicianId: true });

/** A language cell: a tag ("es") or a language's name in English or in itself ("Spanish", "español"); anything else is left for the schema to refuse. */
function languageOfCell(cell: string | undefined): string | undefined {
  const value = cell?.trim();
  if (!value) return undefined;
  const found = listLocales().find((tag) => {
    const { name, englishName } = languageName(tag);
    return [tag, name, englishName].some((word) => word.toLowerCase() === value.toLowerCase());
  });
  return found ?? value;
}
export type NewClientFields = ReturnType<typeof clientFieldsSchema.parse>;

export type PlannedClient = {
  line: number;
  fields: NewClientFields;
  clinicianId: string;
  /** The partner: another new row (by line) or an existing client of the caseload. */
  partner: { line: number } | { clientId: string } | null;
};

export type ImportPlan = {
  rows: PreviewRow[];
  clients: PlannedClient[];
  counts: { rows: number; new: number; duplicate: number; invalid: number; couples: number };
};

type Candidate = {
  record: ImportRecord;
  fields: NewClientFields;
  clinicianId: string;
  partnerEmail: string | null;
  reasons: string[];
  partner: PlannedClient["partner"];
  partnerName?: string;
};

const lower = (value: string | undefined) => (value ?? "").trim().toLowerCase();

export function planImport(records: ImportRecord[], context: ImportContext): ImportPlan {
  const rows: PreviewRow[] = [];
  const candidates: Candidate[] = [];
  const firstLineOf = new Map<string, number>();
  const rowOf = new Map<number, PreviewRow>();
  /** Invalid rows by their email, so a partner naming one hears why rather than "not in this file". */
  const invalidLineOf = new Map<string, number>();

  for (const record of records) {
    const v = record.values;
    const row: PreviewRow = { line: record.line, name: `${v.firstName ?? ""} ${v.lastName ?? ""}`.trim(), email: (v.email ?? "").trim(), status: "new", reasons: [], warnings: formulaWarnings(v) };
    rows.push(row);
    rowOf.set(record.line, row);
    const invalid = (...reasons: string[]) => Object.assign(row, { status: "invalid", reasons });

    if (record.problem) {
      invalid(record.problem);
      continue;
    }
    const parsed = clientFieldsSchema.safeParse({
      firstName: v.firstName ?? "",
      lastName: v.lastName ?? "",
      email: v.email ?? "",
      preferredName: v.preferredName,
      phone: v.phone,
      dateOfBirth: v.dateOfBirth,
      language: languageOfCell(v.language),
    });
    // One message per column, as the form shows one per field.
    const reasons = parsed.success
      ? []
      : parsed.error.issues.filter((issue, index, all) => all.findIndex((other) => other.path.join(".") === issue.path.join(".")) === index).map((issue) => issue.message);
    if (parsed.success && parsed.data.language && !isLocale(parsed.data.language)) {
      reasons.push(`Language: write one of ${listLocales().join(", ")}, or leave it empty for the practice's language.`);
    }

    const clinicianEmail = lower(v.clinicianEmail);
    let clinicianId = context.actorUserId;
    if (!context.owner) {
      if (clinicianEmail && clinicianEmail !== context.actorEmail.toLowerCase()) {
        reasons.push("You can import clients only into your own caseload: leave “clinician email” empty.");
      }
    } else if (clinicianEmail) {
      const found = context.clinicians.get(clinicianEmail);
      if (found) clinicianId = found;
      else reasons.push(`No active clinician of your practice has the email ${clinicianEmail}.`);
    }

    const partnerEmail = lower(v.partnerEmail) || null;
    if (partnerEmail && !emailSchema.safeParse(partnerEmail).success) reasons.push("Partner email: enter an email address like name@example.com.");
    else if (partnerEmail && parsed.success && partnerEmail === parsed.data.email) reasons.push("A client cannot be their own partner.");

    if (reasons.length || !parsed.success) {
      const email = lower(v.email);
      if (email && !invalidLineOf.has(email)) invalidLineOf.set(email, record.line);
      invalid(...reasons);
      continue;
    }
    const email = parsed.data.email;
    if (context.existing.has(email)) {
      Object.assign(row, { status: "duplicate", reasons: ["An active client of your practice already has this email; left as it is."] });
      continue;
    }
    const earlier = firstLineOf.get(email);
    if (earlier !== undefined) {
      Object.assign(row, { status: "duplicate", reasons: [`Same email as line ${earlier}; only the first is imported.`] });
      continue;
    }
    firstLineOf.set(email, record.line);
    candidates.push({ record, fields: parsed.data, clinicianId, partnerEmail, reasons: [], partner: null });
  }

  matchPartners(candidates, invalidLineOf, context);

  // A couple is imported whole or not at all: a new row whose partner row is invalid is invalid too.
  const candidateAt = new Map(candidates.map((c) => [c.record.line, c]));
  for (const candidate of candidates) {
    const partner = candidate.partner;
    if (partner && "line" in partner && candidateAt.get(partner.line)!.reasons.length && !candidate.reasons.length) {
      candidate.reasons.push(`Their partner on line ${partner.line} cannot be imported.`);
    }
  }

  const planned: PlannedClient[] = [];
  for (const candidate of candidates) {
    const row = rowOf.get(candidate.record.line)!;
    if (candidate.reasons.length) {
      Object.assign(row, { status: "invalid", reasons: candidate.reasons });
      continue;
    }
    if (candidate.partnerName) row.partner = candidate.partnerName;
    planned.push({ line: candidate.record.line, fields: candidate.fields, clinicianId: candidate.clinicianId, partner: candidate.partner });
  }

  const count = (status: PreviewStatus) => rows.filter((row) => row.status === status).length;
  const couples = planned.filter((c) => c.partner && ("clientId" in c.partner || c.partner.line > c.line)).length;
  return { rows, clients: planned, counts: { rows: rows.length, new: planned.length, duplicate: count("duplicate"), invalid: count("invalid"), couples } };
}

/**
 * Partners: another new row of the file, else an active client of the caseload without a partner.
 * Sets each candidate's partner (and the name the preview shows), or says why it cannot be.
 */
function matchPartners(candidates: Candidate[], invalidLineOf: ReadonlyMap<string, number>, context: ImportContext): void {
  const byEmail = new Map(candidates.map((candidate) => [candidate.fields.email, candidate]));
  const claimedExisting = new Map<string, number>();
  const nameOf = (c: Candidate) => `${c.fields.firstName} ${c.fields.lastName} (line ${c.record.line})`;
  for (const candidate of candidates) {
    if (candidate.partner || candidate.reasons.length) continue;
    const email = candidate.partnerEmail;
    if (!email) continue;
    const other = byEmail.get(email);
    if (other) {
      if (other.partnerEmail && other.partnerEmail !== candidate.fields.email) {
        candidate.reasons.push(`Line ${other.record.line} names a different partner (${other.partnerEmail}).`);
      } else if (other.partner) {
        candidate.reasons.push(`Line ${other.record.line} is already the partner of another line.`);
      } else {
        candidate.partner = { line: other.record.line };
        candidate.partnerName = nameOf(other);
        other.partner = { line: candidate.record.line };
        other.partnerName = nameOf(candidate);
      }
      continue;
    }
    const invalidLine = invalidLineOf.get(email);
    if (invalidLine !== undefined && !context.existing.has(email)) {
      candidate.reasons.push(`Their partner on line ${invalidLine} cannot be imported.`);
      continue;
    }
    const existing = context.existing.get(email);
    // A client on someone else's caseload is, to a clinician, not there at all.
    const visible = existing && (context.owner || existing.clinicianId === context.actorUserId);
    if (!existing || !visible) {
      candidate.reasons.push(`Partner email ${email} is not in this file or your caseload.`);
    } else if (existing.coupleId) {
      candidate.reasons.push(`${existing.name} (${email}) is already linked with a partner.`);
    } else if (claimedExisting.has(existing.id)) {
      candidate.reasons.push(`Line ${claimedExisting.get(existing.id)} already names ${email} as partner.`);
    } else {
      claimedExisting.set(existing.id, candidate.record.line);
      candidate.partner = { clientId: existing.id };
      candidate.partnerName = `${existing.name} (already a client)`;
    }
  }
}
