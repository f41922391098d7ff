import { describe, expect, it } from "vitest";
import { z } from "zod";
import { jsonColumn, parseRow, parseRows } from "./rows";

const countRow = z.object({ n: z.coerce.number().int(), rate: z.coerce.number().nullable() });

describe("raw rows", () => {
  it("coerces what node-postgres hands back as text (bigint, numeric) and keeps nulls null", () => {
    expect(parseRows(countRow, { rows: [{ n: "12", rate: "0.5" }, { n: 3, rate: null }] })).toEqual([
      { n: 12, rate: 0.5 },
      { n: 3, rate: null },
    ]);
  });

  it("fails on a row that does not fit instead of passing NaN on", () => {
    expect(() => parseRows(countRow, { rows: [{ n: "twelve", rate: null }] })).toThrow();
    expect(() => parseRows(countRow, { rows: [{ rate: null }] })).toThrow();
    expect(() => parseRows(countRow, undefined)).toThrow();
  });

  it("takes exactly one row where one is expected", () => {
    expect(parseRow(countRow, { rows: [{ n: 1, rate: 1 }] })).toEqual({ n: 1, rate: 1 });
    expect(() => parseRow(countRow, { rows: [] })).toThrow("expected one row, got 0");
    expect(() => parseRow(countRow, { rows: [{ n: 1, rate: 1 }, { n: 2, rate: 2 }] })).toThrow("expected one row, got 2");
  });

  it("reads a json column whether the driver parsed it or not", () => {
    const row = z.object({ list: jsonColumn(z.array(z.number())) });
    expect(parseRows(row, { rows: [{ list: [1, 2] }, { list: "[3]" }] })).toEqual([{ list: [1, 2] }, { list: [3] }]);
    expect(() => parseRows(row, { rows: [{ list: '["x"]' }] })).toThrow();
  });
});
