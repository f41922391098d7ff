import { isOnItemScale, isOptionalItem } from "./items";
import type {
  AnyInstrument,
  Band,
  ChangeStatus,
  DimensionScores,
  InstrumentDefinition,
  ReliableChangeParameters,
  ResponseScores,
} from "./types";

/** Some items have no answer; `missing` lists their ids in presentation order. */
export class IncompleteResponseError extends Error {
  readonly missing: readonly string[];

  constructor(missing: readonly string[]) {
    super(`Response is incomplete: no answer for ${missing.join(", ")}.`);
    this.name = "IncompleteResponseError";
    this.missing = missing;
  }
}

/** An answer is not a value on the scale, or names an item the instrument does not have. */
export class InvalidAnswerError extends Error {
  readonly invalid: readonly string[];

  constructor(invalid: readonly string[]) {
    super(`Invalid answers for ${invalid.join(", ")}.`);
    this.name = "InvalidAnswerError";
    this.invalid = invalid;
  }
}

// Thresholds (bands, reliable change, couple gaps) are "at least" comparisons on computed floats;
// a value a few ulps under the threshold is the threshold itself. The slack is far below any real
// difference between scores, so it never moves a genuine value across a boundary.
const THRESHOLD_SLACK = 1e-9;

function atLeast(value: number, threshold: number): boolean {
  return value >= threshold - THRESHOLD_SLACK * Math.max(1, Math.abs(threshold));
}

function isScaleValue(def: InstrumentDefinition, value: unknown): value is number {
  return typeof value === "number" && Number.isInteger(value) && def.scale.some((option) => option.value === value);
}

/**
 * Scores a complete response (DESIGN.md §2). Results are unrounded: storage keeps full precision
 * and only display and export round, so re-rounding never compounds.
 * Invalid answers are reported before missing ones: they point at a caller bug, not a person.
 */
export function scoreResponse<K extends string>(
  def: InstrumentDefinition<K>,
  answers: Readonly<Record<string, number>>,
): ResponseScores<K> {
  const itemIds = new Set(def.items.map((item) => item.id));
  const invalid = Object.keys(answers).filter(
    (id) => !itemIds.has(id) || (answers[id] !== undefined && !isScaleValue(def, answers[id])),
  );
  if (invalid.length > 0) throw new InvalidAnswerError(invalid);

  const missing = def.items.filter((item) => !Object.hasOwn(answers, item.id) || answers[item.id] === undefined);
  if (missing.length > 0) throw new IncompleteResponseError(missing.map((item) => item.id));

  const { min, max } = def.scoring;
  const dimensions = {} as DimensionScores<K>;
  for (const dimension of def.dimensions) {
    const values = def.items
      .filter((item) => item.dimension === dimension.key)
      .map((item) => {
        const value = answers[item.id] as number;
        return item.reverseKeyed ? min + max - value : value;
      });
    // A dimension without items would silently score NaN and poison the overall score.
    if (values.length === 0) throw new Error(`Instrument ${def.key} v${def.version}: dimension ${dimension.key} has no items`);
    const mean = values.reduce((sum, value) => sum + value, 0) / values.length;
    dimensions[dimension.key] = ((mean - min) / (max - min)) * 100;
  }

  const scores = def.dimensions.map((dimension) => dimensions[dimension.key]);
  const overall = scores.reduce((sum, score) => sum + score, 0) / scores.length;
  return { dimensions, overall };
}

type AnswerValidation = {
  /** The valid answers only, as numbers. */
  answers: Record<string, number>;
  /** Required items with no answer at all (absent, null or an empty string), in presentation order. */
  missing: string[];
  /** Items whose answer is present but not a value on the scale, in presentation order. */
  invalid: string[];
};

/**
 * Reads a possibly partial draft, e.g. form fields, which arrive as strings, for an instrument of
 * either kind; each item is checked against its own scale. Keys that are not item ids are ignored
 * (forms carry other fields, and one sitting's draft holds several instruments' answers). An optional
 * item left blank (see isOptionalItem) is in neither list and not in `answers`. `missing` and
 * `invalid` never overlap; the draft is complete and valid exactly when both are empty.
 */
export function validateAnswers(def: AnyInstrument, raw: Readonly<Record<string, unknown>>): AnswerValidation {
  const result: AnswerValidation = { answers: {}, missing: [], invalid: [] };
  for (const item of def.items) {
    const value = Object.hasOwn(raw, item.id) ? raw[item.id] : undefined;
    if (value === undefined || value === null || (typeof value === "string" && value.trim() === "")) {
      if (!isOptionalItem(item)) result.missing.push(item.id);
      continue;
    }
    const parsed = parseAnswer(value);
    if (parsed !== undefined && isOnItemScale(def, item, parsed)) result.answers[item.id] = parsed;
    else result.invalid.push(item.id);
  }
  return result;
}

function parseAnswer(value: unknown): number | undefined {
  if (typeof value === "number") return value;
  // Only plain integers: "3.0", "3e0" or "0x3" are not something our form ever posts.
  if (typeof value === "string" && /^-?\d+$/.test(value.trim())) return Number(value.trim());
  return undefined;
}

// Scores reach us after a few float operations, so a true x.x5 can arrive as x.x4999999999999.
// A relative nudge far above accumulated float error puts such values back on the half, yet far
// below real distances: closeness scores (and their differences) are multiples of 25/28 points, so
// they lie either exactly on a half or at least 1/140 of a point away from one.
const ROUNDING_TOLERANCE = 1e-9;

/** One decimal, half away from zero (12.25 → 12.3, −2.25 → −2.3), as shown and exported. */
export function roundScore(x: number): number {
  if (!Number.isFinite(x)) return x;
  const scaled = Math.abs(x) * 10;
  const rounded = Math.round(scaled * (1 + ROUNDING_TOLERANCE)) / 10;
  // `|| 0` avoids presenting −0.0 for a tiny negative difference.
  return Math.sign(x) * rounded || 0;
}

/** The display form: always one decimal ("62.5", "70.0", "-2.3"). */
export function formatScore(x: number): string {
  return roundScore(x).toFixed(1);
}

/** "+25.0", "−12.5", "0.0": a signed change with one decimal and a true minus sign. */
export function formatChange(change: number): string {
  const text = formatScore(Math.abs(change));
  if (text === "0.0") return "0.0";
  return `${change > 0 ? "+" : "\u2212"}${text}`;
}

/**
 * Decided on the unrounded score, the value that is stored, so a band never depends on display
 * rounding (69.96 would be "developing" though shown as 70.0). For the Closeness Inventory that case
 * cannot arise: its scores are multiples of 25/28 points, none of them in [39.95, 40) or [69.95, 70).
 */
export function bandOf(score: number, def: InstrumentDefinition): Band {
  if (!atLeast(score, def.scoring.bands.growthBelow)) return "growth";
  if (atLeast(score, def.scoring.bands.strengthFrom)) return "strength";
  return "developing";
}

/**
 * The highest and lowest dimensions. Growth areas are only dimensions below the strength band
 * (DESIGN.md §2: a strength is never called a growth area), so with every score at 70 or more the
 * list is empty and the interface says so. Ties go to the dimension listed earlier in the
 * definition. Strengths are chosen first, and a dimension named a strength is never also a growth
 * area: with every score tied at 62.5, Knowledge and Interdependence are the strengths and Care and
 * Trust the growth areas (the lowest of the rest, in table order).
 */
export function strengthsAndGrowthAreas<K extends string>(
  def: InstrumentDefinition<K>,
  dims: Readonly<DimensionScores<K>>,
): { strengths: K[]; growthAreas: K[] } {
  const count = def.scoring.strengthsCount;
  const ordered = def.dimensions.map((dimension) => dimension.key);
  // Array.prototype.sort is stable, so equal scores keep definition order.
  const strengths = [...ordered].sort((a, b) => dims[b] - dims[a]).slice(0, count);
  const growthAreas = [...ordered]
    .filter((key) => bandOf(dims[key], def) !== "strength" && !strengths.includes(key))
    .sort((a, b) => dims[a] - dims[b])
    .slice(0, count);
  return { strengths, growthAreas };
}

type ReliableChange = {
  /** Reliable change index, (after − before) / sDiff. */
  rci: number;
  /** Standard error of the difference, in score points. */
  sDiff: number;
  status: ChangeStatus;
};

/** S_diff = √2 · SD · √(1 − r) (Jacobson & Truax, 1991). */
function standardErrorOfDifference<K extends string>(def: InstrumentDefinition<K>, dimension: K): number {
  const params = def.scoring.reliableChange.byDimension[dimension] as ReliableChangeParameters | undefined;
  // Definitions looked up by key at runtime are typed with plain string dimensions.
  if (!params) throw new Error(`Instrument ${def.key} v${def.version}: no reliable-change parameters for ${dimension}`);
  const { sd, r } = params;
  return Math.SQRT2 * sd * Math.sqrt(1 - r);
}

/**
 * The smallest change, in points, that counts as reliable (22.313… with SD 18, r .80). Note that a
 * change of exactly 22.3 is therefore not reliable; closeness dimension scores move in steps of 6.25,
 * so real changes are never that close to the threshold.
 */
export function minimumReliableChange<K extends string>(def: InstrumentDefinition<K>, dimension: K): number {
  return def.scoring.reliableChange.criticalRci * standardErrorOfDifference(def, dimension);
}

/** Jacobson–Truax reliable change for one dimension between two unrounded scores. */
export function reliableChange<K extends string>(
  def: InstrumentDefinition<K>,
  dimension: K,
  before: number,
  after: number,
): ReliableChange {
  const sDiff = standardErrorOfDifference(def, dimension);
  const rci = (after - before) / sDiff;
  const reliable = atLeast(Math.abs(rci), def.scoring.reliableChange.criticalRci);
  // Higher closeness is better; an instrument where higher is worse would need a direction flag.
  const status: ChangeStatus = !reliable ? "no_change" : rci > 0 ? "improved" : "deteriorated";
  return { rci, sDiff, status };
}

type CoupleGap<K extends string = string> = {
  dimension: K;
  a: number;
  b: number;
  /** |a − b|, unrounded. */
  gap: number;
  flagged: boolean;
};

/** Whether a partner gap (|A − B|, unrounded) is large enough to flag (DESIGN §2: 25 points or more). */
export function isFlaggedGap(def: InstrumentDefinition, gap: number): boolean {
  return atLeast(gap, def.scoring.coupleGap.flagAt);
}

/** Per-dimension gaps between two partners' scores, in definition order. */
export function coupleGaps<K extends string>(
  def: InstrumentDefinition<K>,
  a: Readonly<DimensionScores<K>>,
  b: Readonly<DimensionScores<K>>,
): CoupleGap<K>[] {
  return def.dimensions.map(({ key }) => {
    const gap = Math.abs(a[key] - b[key]);
    return { dimension: key, a: a[key], b: b[key], gap, flagged: isFlaggedGap(def, gap) };
  });
}

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Whether two completions are close enough in time to compare as a couple: at most windowDays × 24 h
 * apart, in either order. Fixed 24-hour days, so daylight-saving shifts do not move the boundary.
 */
export function withinCoupleWindow(dateA: Date, dateB: Date, def: InstrumentDefinition): boolean {
  const delta = Math.abs(dateA.getTime() - dateB.getTime());
  // NaN (an invalid Date) fails the comparison, so it is never treated as a pair.
  return delta <= def.scoring.coupleGap.windowDays * DAY_MS;
}
