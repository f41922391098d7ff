/**
 * The definition format shared by every instrument (the Closeness Inventory now; PHQ-9, GAD-7 and
 * the like later). Definitions are plain data so they can be versioned, diffed and stored by
 * key + version alongside the responses scored with them.
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

export type InstrumentDefinition<K extends string = string> = {
  readonly key: string;
  readonly version: number;
  readonly title: string;
  /** Plain text; paragraphs are separated by a blank line. */
  readonly instructions: string;
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
