import { describe, expect, it } from "vitest";
import { checkImportFile, importTemplateCsv, parseImportCsv } from "./csv";
import { formulaWarnings } from "./plan";

const bytes = (text: string) => new TextEncoder().encode(text);

describe("reading an import file", () => {
  it("reads its own template: every column known, one example row", () => {
    const parsed = parseImportCsv(bytes(importTemplateCsv()));
    expect(parsed).toMatchObject({ ok: true, fields: ["firstName", "lastName", "email", "phone", "dateOfBirth", "preferredName", "clinicianEmail", "partnerEmail", "language"] });
    expect(parsed.ok && parsed.records).toEqual([
      { line: 2, values: { firstName: "Ada", lastName: "Lovelace", email: "ada@example.com", phone: "020 7946 0000", dateOfBirth: "1990-04-01", preferredName: "Ada", clinicianEmail: "", partnerEmail: "", language: "en" } },
    ]);
  });

  it("accepts other spellings of the headers, a BOM and semicolons, and keeps separators inside quotes", () => {
    const parsed = parseImportCsv(bytes('\uFEFFFirstName;LAST_NAME;E-mail address;DOB\n"Ada";"Love; lace";a@example.test;1990-01-01\n'));
    expect(parsed.ok && parsed.records[0]!.values).toEqual({ firstName: "Ada", lastName: "Love; lace", email: "a@example.test", dateOfBirth: "1990-01-01" });
  });

  it("flags a row with the wrong number of fields, with its line", () => {
    const parsed = parseImportCsv(bytes("first name,last name,email\n\nAda,Lovelace,a@example.test,extra\n"));
    expect(parsed.ok && parsed.records[0]).toMatchObject({ line: 3, problem: expect.stringMatching(/4 fields; the header has 3/) });
  });

  it("refuses before reading: empty, too large, not a .csv name", () => {
    expect(checkImportFile({ name: "a.csv", size: 0 })).toBe("The file is empty.");
    expect(checkImportFile({ name: "a.csv", size: 50 * 1024 * 1024 })).toMatch(/50\.0 MB; the limit is 5 MB/);
    expect(checkImportFile({ name: "a.xlsx", size: 10 })).toMatch(/not a CSV file/);
    expect(checkImportFile({ name: "clients.CSV", size: 10 })).toBeNull();
  });

  it("refuses more than 10,000 rows and duplicated columns", () => {
    const many = ["first name,last name,email", ...Array.from({ length: 10_001 }, (_, n) => `A,B,a${n}@example.test`)].join("\n");
    expect(parseImportCsv(bytes(many))).toEqual({ ok: false, message: "The file has more than 10,000 clients. Split it into smaller files." });
    expect(parseImportCsv(bytes("email,first name,last name,Email\n"))).toEqual({ ok: false, message: "The column “Email” appears twice." });
  });
});

describe("probe 6: names that a spreadsheet would run", () => {
  it("are read as text, and warned about", () => {
    const parsed = parseImportCsv(bytes('first name,last name,email\n"=HYPERLINK(""http://evil.example"",""x"")",@SUM(1),a@example.test\n'));
    const values = parsed.ok ? parsed.records[0]!.values : {};
    expect(values).toMatchObject({ firstName: '=HYPERLINK("http://evil.example","x")', lastName: "@SUM(1)" });
    expect(formulaWarnings(values)).toHaveLength(2);
    expect(formulaWarnings({ firstName: "Ada", lastName: "Lovelace" })).toEqual([]);
  });
});
