import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { csvText, looksLikeFormula, neutraliseCell } from "./csv-write";

/* Issue 24, probe 6: spreadsheet formula injection. One table for the one function every CSV writer uses. */

const TABLE: [cell: string, written: string][] = [
  ['=HYPERLINK("http://evil.example","x")', `'=HYPERLINK("http://evil.example","x")`],
  ["+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"],
  ["@SUM(1+1)*cmd|' /C calc'!A0", "'@SUM(1+1)*cmd|' /C calc'!A0"],
  ["-2+3+cmd|' /C calc'!A0", "'-2+3+cmd|' /C calc'!A0"],
  ["\t=1+1", "'\t=1+1"],
  ["\r=1+1", "'\r=1+1"],
  ["-3", "-3"],
  ["-12.5", "-12.5"],
  ["12", "12"],
  ["Ada", "Ada"],
  ["O'Brien", "O'Brien"],
  ["a=b", "a=b"],
  ["", ""],
];

describe("neutraliseCell", () => {
  for (const [cell, written] of TABLE) {
    it(`writes ${JSON.stringify(cell)} as ${JSON.stringify(written)}`, () => {
      expect(neutraliseCell(cell)).toBe(written);
      expect(looksLikeFormula(cell)).toBe(cell !== written);
    });
  }
});

describe("csvText", () => {
  it("quotes, ends every line with CRLF and neutralises every cell, header included", () => {
    const text = csvText([["=1+1", "-4", 'say "hi"']], { columns: ["@name", "n", "note"] });
    expect(text).toBe(`'@name,n,note\r\n'=1+1,-4,"say ""hi"""\r\n`);
    expect(parse(text)).toEqual([["'@name", "n", "note"], ["'=1+1", "-4", 'say "hi"']]);
  });
});
