import { and, eq } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { practiceReliabilityFigures, type PracticeReliabilityFigure } from "@/db/schema";
import { isProfileInstrument, type AnyInstrument, type InstrumentDefinition, type TotalInstrument } from "@/lib/instruments";
import { TOTAL_SCALE } from "./scales";

/*
 * The reliable-change figures in force for a practice: the instrument's own (published or
 * provisional) unless the owner adopted the practice's estimates (practice_reliability_figures).
 * `applyFigures` gives back the instrument definition with those figures, so every existing pure
 * judgement (reliableChange, totalChange, minimumReliableChange) reads them unchanged — and each
 * judgement can name the figures it used (`FiguresInUse`). Deliberately no `server-only`: the write
 * path (deteriorations) runs in plain Node too.
 */

export type FigureSource = "published" | "provisional" | "estimated";

/** What one scale's reliable-change judgement used. */
export type ScaleFigures = {
  /** Null for a published figure given only as points (PHQ-9's 6). */
  sd: number | null;
  r: number | null;
  /** `test-retest` or `alpha` for adopted estimates; null otherwise. */
  rKind: "test-retest" | "alpha" | null;
  /** The smallest reliable change, in the score's points. */
  reliableChange: number;
  source: FigureSource;
  /** ISO instant the practice adopted them; null for the instrument's own. */
  since: string | null;
  /** People behind an adopted estimate. */
  n: number | null;
};

export type FiguresInUse = { instrumentKey: string; instrumentVersion: number; byScale: Record<string, ScaleFigures> };

/** critical RCI × √2 · SD · √(1 − r) (Jacobson & Truax, 1991). */
export function reliableChangeFrom(sd: number, r: number, criticalRci = 1.96): number {
  return criticalRci * Math.SQRT2 * sd * Math.sqrt(1 - r);
}

function adopted(row: PracticeReliabilityFigure): ScaleFigures {
  return {
    sd: row.sd,
    r: row.r,
    rKind: row.rKind === "alpha" ? "alpha" : "test-retest",
    reliableChange: row.minimumChange,
    source: "estimated",
    since: row.adoptedAt.toISOString(),
    n: row.n,
  };
}

/** The figures in force, from the instrument and the practice's adopted rows (for this version). */
export function figuresInUse(instrument: AnyInstrument, rows: readonly PracticeReliabilityFigure[]): FiguresInUse {
  const mine = new Map(rows.filter((row) => row.instrumentKey === instrument.key && row.instrumentVersion === instrument.version).map((row) => [row.dimension, row]));
  const byScale: Record<string, ScaleFigures> = {};
  if (isProfileInstrument(instrument)) {
    const { provisional, byDimension, criticalRci } = instrument.scoring.reliableChange;
    for (const { key } of instrument.dimensions) {
      const row = mine.get(key);
      const { sd, r } = byDimension[key]!;
      byScale[key] = row
        ? adopted(row)
        : { sd, r, rKind: null, reliableChange: reliableChangeFrom(sd, r, criticalRci), source: provisional ? "provisional" : "published", since: null, n: null };
    }
  } else {
    const row = mine.get(TOTAL_SCALE);
    const own = instrument.scoring.reliableChange;
    byScale[TOTAL_SCALE] = row
      ? adopted(row)
      : { sd: null, r: null, rKind: null, reliableChange: own.value, source: own.provisional ? "provisional" : "published", since: null, n: null };
  }
  return { instrumentKey: instrument.key, instrumentVersion: instrument.version, byScale };
}

/** The profile instrument as the practice's judgements must read it: adopted SD and r per dimension. */
export function applyProfileFigures<K extends string>(instrument: InstrumentDefinition<K>, figures: FiguresInUse): InstrumentDefinition<K> {
  const { reliableChange } = instrument.scoring;
  const byDimension: Record<K, { sd: number; r: number }> = { ...reliableChange.byDimension };
  let anyAdopted = false;
  for (const { key } of instrument.dimensions) {
    const figure = figures.byScale[key];
    if (figure?.source === "estimated" && figure.sd !== null && figure.r !== null) {
      byDimension[key] = { sd: figure.sd, r: figure.r };
      anyAdopted = true;
    }
  }
  if (!anyAdopted) return instrument;
  return { ...instrument, scoring: { ...instrument.scoring, reliableChange: { ...reliableChange, provisional: false, byDimension } } };
}

/** The total instrument as the practice's judgements must read it: the adopted reliable change in points. */
export function applyTotalFigures(instrument: TotalInstrument, figures: FiguresInUse): TotalInstrument {
  const figure = figures.byScale[TOTAL_SCALE];
  if (figure?.source !== "estimated") return instrument;
  const source =
    `Estimated from this practice's own answers (${figure.n} people; SD ${figure.sd?.toFixed(2)}, ` +
    `${figure.rKind === "alpha" ? "α" : "test–retest r"} ${figure.r?.toFixed(2)}), adopted by the practice owner.`;
  return { ...instrument, scoring: { ...instrument.scoring, reliableChange: { value: figure.reliableChange, provisional: false, source } } };
}

/** The practice's adopted rows for one instrument (any version), oldest dimension order irrelevant. */
export async function loadAdoptedFigures(executor: Executor, practiceId: string, instrumentKey?: string): Promise<PracticeReliabilityFigure[]> {
  const where = instrumentKey
    ? and(eq(practiceReliabilityFigures.practiceId, practiceId), eq(practiceReliabilityFigures.instrumentKey, instrumentKey))
    : eq(practiceReliabilityFigures.practiceId, practiceId);
  return executor.select().from(practiceReliabilityFigures).where(where);
}

/** The figures in force for a practice and instrument. */
export async function loadFiguresInUse(executor: Executor, practiceId: string, instrument: AnyInstrument): Promise<FiguresInUse> {
  return figuresInUse(instrument, await loadAdoptedFigures(executor, practiceId, instrument.key));
}
