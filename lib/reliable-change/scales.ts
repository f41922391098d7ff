import { sql, type SQL } from "drizzle-orm";
import { isProfileInstrument, type AnyInstrument } from "@/lib/instruments";

/*
 * The scales an instrument's reliability is estimated on: each Closeness dimension (its items, the
 * reverse-keyed one mirrored as scoring mirrors it), or a total instrument's scored items. Each
 * scale's total is a linear function of its score (a dimension's 0–100 score is
 * (T/k − min)/(max − min)·100), so SDs convert by a factor and correlations carry over unchanged.
 */

export type ScaleItem = { id: string; reverse: boolean };

export type Scale = {
  /** A dimension key, or `total`. */
  key: string;
  items: ScaleItem[];
  /** Multiply a spread of the scale total by this to get it in the score's points. */
  scoreFactor: number;
};

export const TOTAL_SCALE = "total";

export function scalesOf(instrument: AnyInstrument): Scale[] {
  if (isProfileInstrument(instrument)) {
    const { min, max } = instrument.scoring;
    return instrument.dimensions.map(({ key }) => {
      const items = instrument.items.filter((item) => item.dimension === key).map((item) => ({ id: item.id, reverse: item.reverseKeyed }));
      return { key, items, scoreFactor: 100 / (items.length * (max - min)) };
    });
  }
  const items = instrument.items.filter((item) => item.scored).map((item) => ({ id: item.id, reverse: false }));
  return [{ key: TOTAL_SCALE, items, scoreFactor: 1 }];
}

/** The scored value of one item in `answers` (a jsonb expression), mirrored when reverse-keyed. */
export function itemValueSql(instrument: AnyInstrument, answers: SQL, item: ScaleItem): SQL {
  const value = sql`(${answers} ->> ${item.id})::float8`;
  if (!item.reverse || !isProfileInstrument(instrument)) return value;
  const { min, max } = instrument.scoring;
  return sql`(${min + max}::float8 - ${value})`;
}

/** A scale's total in `answers`: the sum of its items' scored values. */
export function scaleTotalSql(instrument: AnyInstrument, answers: SQL, scale: Scale): SQL {
  return sql`(${sql.join(
    scale.items.map((item) => itemValueSql(instrument, answers, item)),
    sql` + `,
  )})`;
}
