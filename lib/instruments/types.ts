/**
 * The definition format shared by every instrument: profile instruments (the Closeness Inventory)
 * and total-scored ones (PHQ-9, GAD-7, CSI-4). Definitions are plain data so they can be versioned,
 * diffed and stored by key + version alongside the responses scored with them.
 */

/** Closeness dimensions, in the order of DESIGN.md §2; that order also breaks ties. */
export type ClosenessDimension =
  | "knowledge"
  | "interdependence"
  | "care"
  | "trust"
  | "responsiveness"
  | "mutuality"
  | "commitment";

type DimensionDefinition<K extends string = string> = {
  readonly key: K;
  readonly label: string;
  /** For clinicians: what the dimension captures. */
  readonly description: string;
};

export type ItemDefinition<K extends string = string> = {
  /** Stable within an instrument version; answers and stored responses are keyed by it. */
  readonly id: string;
  readonly dimension: K;
  readonly text: string;
  readonly reverseKeyed: boolean;
};

export type ScaleOption = {
  readonly value: number;
  readonly label: string;
};

export type ReliableChangeParameters = {
  /** Standard deviation of the dimension score (0–100 points) in a reference sample. */
  readonly sd: number;
  /** Test–retest reliability of the dimension score. */
  readonly r: number;
};

type ScoringParameters<K extends string = string> = {
  /** Lowest and highest answer on the scale: reverse keying and the 0–100 rescaling use them. */
  readonly min: number;
  readonly max: number;
  readonly bands: {
    /** A score below this is a growth area. */
    readonly growthBelow: number;
    /** A score at or above this is a strength. */
    readonly strengthFrom: number;
  };
  /** How many strengths (and, equally, growth areas) to name. */
  readonly strengthsCount: number;
  readonly coupleGap: {
    /** Partners' assessments count as a pair only when completed this close together. */
    readonly windowDays: number;
    /** A gap of this many points or more is flagged. */
    readonly flagAt: number;
  };
  readonly reliableChange: {
    /** True while the parameters are not yet from a published norm sample; the UI must say so. */
    readonly provisional: boolean;
    readonly byDimension: Readonly<Record<K, ReliableChangeParameters>>;
    readonly criticalRci: number;
  };
};

/** What every instrument has, whatever its scoring. */
type InstrumentCommon = {
  /** Stable forever; stored with every invitation, plan and assessment. Lower-case letters and digits. */
  readonly key: string;
  readonly version: number;
  readonly title: string;
  /** For tight places: chips, table headers, CSV file names ("PHQ-9"). */
  readonly shortTitle: string;
  /** One sentence for clinicians choosing what to send. */
  readonly description: string;
  /** Plain text; paragraphs are separated by a blank line. */
  readonly instructions: string;
  /** Required attribution, shown wherever the items are (questionnaire, print); null for our own. */
  readonly attribution: string | null;
};

/**
 * A profile instrument (the Closeness Inventory): items on one scale, grouped into dimensions scored
 * 0–100, with an overall mean of the dimensions. Higher is better on every dimension.
 */
export type InstrumentDefinition<K extends string = string> = InstrumentCommon & {
  readonly kind: "profile";
  /** In display order, which is also the tie-break order. */
  readonly dimensions: readonly DimensionDefinition<K>[];
  /** In presentation order. */
  readonly items: readonly ItemDefinition<K>[];
  /** Ascending by value. */
  readonly scale: readonly ScaleOption[];
  readonly scoring: ScoringParameters<K>;
};

/** Scores on the 0–100 scale, unrounded, per dimension. */
export type DimensionScores<K extends string = string> = Record<K, number>;

export type ResponseScores<K extends string = string> = {
  readonly dimensions: DimensionScores<K>;
  /** Mean of the dimension scores. */
  readonly overall: number;
};

export type Band = "growth" | "developing" | "strength";

export type ChangeStatus = "improved" | "deteriorated" | "no_change";

/**
 * A total-scored instrument (PHQ-9, GAD-7, CSI-4): the sum of its scored items' answers, read
 * against published bands and a cut-off. Item scales may differ (CSI-4's first item has seven points).
 */
export type TotalItem = {
  /** Unique across every instrument (tested), so one sitting's answers can share one flat draft. */
  readonly id: string;
  readonly text: string;
  /** Ascending by value; when absent, the instrument's `scale`. */
  readonly scale?: readonly ScaleOption[];
  /**
   * False for a question that is answered and stored but not summed (PHQ-9's difficulty question).
   * Unscored items are optional: they may be left blank, but an answer given must be on their scale.
   */
  readonly scored: boolean;
  /** An answer above this value is a critical answer: the clinician is alerted at once. */
  readonly criticalAbove?: number;
  /** Shown before this item when it needs its own lead-in (PHQ-9's difficulty question). */
  readonly prompt?: string;
};

/** Concern from none (0) to the most serious (4): drives the band's colour, never its words. */
export type Severity = 0 | 1 | 2 | 3 | 4;

export type TotalBand = {
  /** Inclusive, whole points. Bands are ascending and cover min..max without gaps. */
  readonly from: number;
  readonly to: number;
  /** As published: "Mild", "Moderately severe", "Notable dissatisfaction". */
  readonly label: string;
  readonly severity: Severity;
};

/** A figure with where it comes from; `provisional` when it is not from a publication. */
export type SourcedFigure = {
  readonly value: number;
  readonly source: string;
  readonly provisional: boolean;
};

export type TotalScoring = {
  readonly min: number;
  readonly max: number;
  readonly direction: "higher_is_better" | "higher_is_worse";
  readonly bands: readonly TotalBand[];
  /**
   * The clinical cut-off. With higher_is_worse a total at or above it is in the clinical range;
   * with higher_is_better a total below it is.
   */
  readonly cutOff: SourcedFigure & {
    /** Names the line drawn at the cut-off on charts: "Clinical cut-off (10)". */
    readonly label: string;
  };
  /** A change of at least this many points, either way, is reliable. */
  readonly reliableChange: SourcedFigure;
};

export type TotalInstrument = InstrumentCommon & {
  readonly kind: "total";
  /** In presentation order, scored and unscored. */
  readonly items: readonly TotalItem[];
  /** Ascending by value: the scale of every item without its own. */
  readonly scale: readonly ScaleOption[];
  readonly scoring: TotalScoring;
};

export type AnyInstrument = InstrumentDefinition | TotalInstrument;

export type TotalScore = {
  readonly total: number;
  readonly band: TotalBand;
  /** Whether the total is in the clinical range (see TotalScoring.cutOff). */
  readonly clinical: boolean;
  /** Ids of the critical items answered above their threshold, in presentation order. */
  readonly critical: readonly string[];
};
