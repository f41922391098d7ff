import { stringify } from "csv-stringify/sync";

/*
 * Every CSV the app writes goes through here (issue 24, probe 6): the scores CSVs, the practice
 * export, the import template. A spreadsheet runs a cell that begins with `=`, `+`, `-`, `@`, a tab
 * or a carriage return as a formula (`=HYPERLINK(…)`, `+cmd|' /C calc'!A0`), so such a cell is
 * written with a leading `'` — OWASP's rule for CSV injection — which the spreadsheet shows as
 * text. A number (negative ones included) stays a number.
 */

const FORMULA_START = /^[=+\-@\t\r]/;
const PLAIN_NUMBER = /^-?\d+(\.\d+)?$/;

/** Whether a cell would start a formula in a spreadsheet (the import warns about such names). */
export function looksLikeFormula(value: string): boolean {
  return FORMULA_START.test(value) && !PLAIN_NUMBER.test(value);
}

/** The cell as written: neutralised when it would start a formula. */
export function neutraliseCell(value: string): string {
  return looksLikeFormula(value) ? `'${value}` : value;
}

/**
 * Rows as CSV text: RFC 4180 quoting, CRLF line endings (the last row's too), UTF-8 without BOM,
 * every cell neutralised. With `columns`, a header row first.
 */
export function csvText(rows: readonly (readonly string[])[], options: { columns?: readonly string[] } = {}): string {
  const records = rows.map((row) => row.map(neutraliseCell));
  if (options.columns) return stringify(records, { header: true, columns: options.columns.map(neutraliseCell), record_delimiter: "\r\n", eof: true });
  return stringify(records, { record_delimiter: "\r\n", eof: true });
}
