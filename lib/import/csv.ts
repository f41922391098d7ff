import { CsvError, parse } from "csv-parse/sync";
import { csvText } from "@/lib/core/csv-write";

/*
 * Reading a client list exported from somewhere else (a spreadsheet, another practice system):
 * UTF-8 with or without a byte-order mark, comma- or semicolon-separated, fields quoted or not.
 * Pure: bytes in, header-mapped records (or one message about the whole file) out.
 */

export const IMPORT_MAX_BYTES = 5 * 1024 * 1024;
export const IMPORT_MAX_ROWS = 10_000;

/** The columns, by what the template calls them; other spellings of the same words are accepted. */
export const IMPORT_COLUMNS = {
  firstName: "first name",
  lastName: "last name",
  email: "email",
  phone: "phone",
  dateOfBirth: "date of birth",
  preferredName: "preferred name",
  clinicianEmail: "clinician email",
  partnerEmail: "partner email",
  /** A language tag ("es") or its name ("Spanish", "Español"); empty: the practice's language. */
  language: "language",
} as const;

export type ImportField = keyof typeof IMPORT_COLUMNS;
const REQUIRED: ImportField[] = ["firstName", "lastName", "email"];

/** Headers compared without case, spaces, dashes or underscores: "First name", "first_name", "FirstName". */
const squash = (header: string) => header.toLowerCase().replace(/[^a-z]/g, "");
const ALIASES: Record<string, ImportField> = {
  ...Object.fromEntries(Object.entries(IMPORT_COLUMNS).map(([field, header]) => [squash(header), field as ImportField])),
  emailaddress: "email",
  phonenumber: "phone",
  dob: "dateOfBirth",
  birthdate: "dateOfBirth",
};

export type ImportRecord = {
  /** The line of the file the record ends on (1 is the header), for messages people can find. */
  line: number;
  values: Partial<Record<ImportField, string>>;
  /** Set when the record cannot be read as a row of the header's shape. */
  problem?: string;
};

export type ParsedImport = { ok: true; records: ImportRecord[]; fields: ImportField[] } | { ok: false; message: string };

/** The template people download: the header and one example row. */
export function importTemplateCsv(): string {
  const header = Object.values(IMPORT_COLUMNS).map((name) => name.replace(/^./, (c) => c.toUpperCase()));
  const example = ["Ada", "Lovelace", "ada@example.com", "020 7946 0000", "1990-04-01", "Ada", "", "", "en"];
  return csvText([example], { columns: header });
}

/** The first line's separator: a semicolon file (common where the decimal mark is a comma) has more of them. */
function detectDelimiter(text: string): "," | ";" {
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  const count = (char: string) => firstLine.split(char).length - 1;
  return count(";") > count(",") ? ";" : ",";
}

function decodeUtf8(bytes: Uint8Array): string | null {
  try {
    return new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return null;
  }
}

const NOT_CSV = "This file is not a CSV file. Save the list as “CSV UTF-8” from your spreadsheet and upload that.";

/** Checks a file's name, size and type before any of it is read. */
export function checkImportFile(file: { name: string; size: number }): string | null {
  if (file.size === 0) return "The file is empty.";
  if (file.size > IMPORT_MAX_BYTES) {
    return `The file is ${(file.size / 1024 / 1024).toFixed(1)} MB; the limit is ${IMPORT_MAX_BYTES / 1024 / 1024} MB (about ${IMPORT_MAX_ROWS.toLocaleString("en")} clients). Split it into smaller files.`;
  }
  if (!/\.(csv|txt)$/i.test(file.name)) return NOT_CSV;
  return null;
}

export function parseImportCsv(bytes: Uint8Array): ParsedImport {
  // Spreadsheet workbooks (xlsx, ods) are zip files; old xls files are OLE documents.
  if ((bytes[0] === 0x50 && bytes[1] === 0x4b) || (bytes[0] === 0xd0 && bytes[1] === 0xcf)) return { ok: false, message: NOT_CSV };
  const text = decodeUtf8(bytes);
  if (text === null || text.includes("\u0000")) {
    return { ok: false, message: "The file is not UTF-8 text. Save the list as “CSV UTF-8” from your spreadsheet and upload that." };
  }
  const body = text.replace(/^\uFEFF/, "");

  let rows: { record: string[]; info: { lines: number } }[];
  try {
    rows = parse(body, {
      delimiter: detectDelimiter(body),
      info: true,
      relax_column_count: true,
      skip_empty_lines: true,
      skip_records_with_empty_values: true,
      trim: true,
      // One past the limit (plus the header) is enough to know the file is too long.
      to: IMPORT_MAX_ROWS + 2,
    }) as unknown as { record: string[]; info: { lines: number } }[];
  } catch (error) {
    if (error instanceof CsvError) {
      const line = (error as CsvError & { lines?: number }).lines;
      return { ok: false, message: `The file could not be read as CSV${line ? ` near line ${line}` : ""}: check for a quote that is opened and never closed.` };
    }
    throw error;
  }

  const [header, ...data] = rows;
  if (!header) return { ok: false, message: "The file is empty." };
  if (data.length > IMPORT_MAX_ROWS) {
    return { ok: false, message: `The file has more than ${IMPORT_MAX_ROWS.toLocaleString("en")} clients. Split it into smaller files.` };
  }

  const fields: ImportField[] = [];
  const unknown: string[] = [];
  for (const name of header.record) {
    const field = ALIASES[squash(name)];
    if (!field) unknown.push(name || "(empty)");
    else if (fields.includes(field)) return { ok: false, message: `The column “${name}” appears twice.` };
    fields.push(field as ImportField);
  }
  const expected = Object.values(IMPORT_COLUMNS).join(", ");
  if (unknown.length) {
    return {
      ok: false,
      message: `Unknown ${unknown.length === 1 ? "column" : "columns"}: ${unknown.map((name) => `“${name}”`).join(", ")}. The columns are: ${expected}.`,
    };
  }
  const missing = REQUIRED.filter((field) => !fields.includes(field));
  if (missing.length) {
    return { ok: false, message: `The file has no ${missing.map((field) => `“${IMPORT_COLUMNS[field]}”`).join(", ")} column. The columns are: ${expected}.` };
  }
  if (data.length === 0) return { ok: false, message: "The file has a header but no clients." };

  const records = data.map(({ record, info }): ImportRecord => {
    const values = Object.fromEntries(fields.map((field, index) => [field, record[index] ?? ""])) as ImportRecord["values"];
    return record.length === fields.length
      ? { line: info.lines, values }
      : { line: info.lines, values, problem: `This line has ${record.length} fields; the header has ${fields.length}. Check for a separator inside an unquoted field.` };
  });
  return { ok: true, records, fields };
}
