import type { ScaleOption } from "./types";

/*
 * The answer scales of the Patient Health Questionnaire family (PHQ-9, GAD-7), as published on the
 * Pfizer forms: one frequency scale for the scored items and one for the unscored difficulty
 * question. Shared, since a change to either would be a change to both instruments: never edit in
 * place once responses exist.
 */

export const PHQ_FREQUENCY: readonly ScaleOption[] = [
  { value: 0, label: "Not at all" },
  { value: 1, label: "Several days" },
  { value: 2, label: "More than half the days" },
  { value: 3, label: "Nearly every day" },
];

export const PHQ_DIFFICULTY: readonly ScaleOption[] = [
  { value: 0, label: "Not difficult at all" },
  { value: 1, label: "Somewhat difficult" },
  { value: 2, label: "Very difficult" },
  { value: 3, label: "Extremely difficult" },
];
