import { z } from "zod";

/*
 * Rows of raw SQL (`db.execute`), parsed where they enter the program. Drizzle types them as
 * unknown, and the two drivers do not agree on every type: node-postgres hands back numeric and
 * bigint as strings, so a schema coerces those (`z.coerce.number()`), and timestamps may arrive
 * as Date or text (`z.coerce.date()`). A row that does not fit fails loudly here instead of
 * turning into NaN further on.
 */

/** Every row of a `db.execute` result, parsed with `schema`. */
export function parseRows<T extends z.ZodType>(schema: T, result: unknown): z.output<T>[] {
  return z.object({ rows: z.array(schema) }).parse(result).rows;
}

/** The one row of a query that always returns exactly one (an aggregate without GROUP BY). */
export function parseRow<T extends z.ZodType>(schema: T, result: unknown): z.output<T> {
  const rows = parseRows(schema, result);
  const [row] = rows;
  if (rows.length !== 1 || row === undefined) throw new Error(`expected one row, got ${rows.length}`);
  return row;
}

/** A json column: both drivers parse it, but text is accepted too so a driver that does not still fits. */
export function jsonColumn<T extends z.ZodType>(schema: T) {
  return z.preprocess((value) => (typeof value === "string" ? JSON.parse(value) : value), schema);
}
