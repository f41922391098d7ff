import type { ScaleOption, TotalInstrument } from "./types";

/*
 * CSI-4, version 1: Funk, J. L., & Rogge, R. D. (2007). Testing the ruler with item response theory:
 * Increasing precision of measurement for relationship satisfaction with the Couples Satisfaction
 * Index. Journal of Family Psychology, 21(4), 572–583. The four items are items 1, 12, 19 and 22 of the
 * 32-item CSI. The authors offer the CSI free for research and clinical use.
 *
 * What was checked, and against what (November 2026, with the project's search tools; the paper and
 * its appendix could not be opened, only its abstract):
 * - Item texts and answer labels: identical across several independent implementations that cite
 *   Funk & Rogge (2007) and across the CSI-16/CSI-32 forms (item 1 on 0–6 "Extremely unhappy" …
 *   "Perfect"; item 2 on 0–5 "Not at all true" … "Completely true"; items 3 and 4 on 0–5 "Not at all"
 *   … "Completely"). Not checked against the paper's appendix.
 * - The cut-off 13.5 ("below 13.5 suggests notable relationship dissatisfaction"): as cited from
 *   Funk & Rogge (2007) by secondary sources; not checked against the paper.
 * - "Free for research and clinical use": as stated on the authors' CSI scoring sheets quoted by
 *   secondary sources; not checked against the authors' site.
 * - Reliable change: no published figure found; the value below is derived and provisional.
 * Our own words, not the publication's: `instructions` (the CSI-4 has no stem: each item carries its
 * own question), `description`, the band names (the publication names only the cut-off) and the band
 * severities (colour only).
 *
 * Once responses exist, never edit a text, id, value or figure here: add a version 2.
 */

const HAPPINESS: readonly ScaleOption[] = [
  { value: 0, label: "Extremely unhappy" },
  { value: 1, label: "Fairly unhappy" },
  { value: 2, label: "A little unhappy" },
  { value: 3, label: "Happy" },
  { value: 4, label: "Very happy" },
  { value: 5, label: "Extremely happy" },
  { value: 6, label: "Perfect" },
];

const TRUTH: readonly ScaleOption[] = [
  { value: 0, label: "Not at all true" },
  { value: 1, label: "A little true" },
  { value: 2, label: "Somewhat true" },
  { value: 3, label: "Mostly true" },
  { value: 4, label: "Almost completely true" },
  { value: 5, label: "Completely true" },
];

const EXTENT: readonly ScaleOption[] = [
  { value: 0, label: "Not at all" },
  { value: 1, label: "A little" },
  { value: 2, label: "Somewhat" },
  { value: 3, label: "Mostly" },
  { value: 4, label: "Almost completely" },
  { value: 5, label: "Completely" },
];

// Reliable change, derived (Jacobson & Truax 1991): 1.96 · SD · √(2 · (1 − r)) with r = .94, the
// CSI-4's internal consistency as reported by Funk & Rogge (2007) and cited by later studies, and an
// assumed SD of 4.5 points, as no published SD could be checked here. 1.96 · 4.5 · √0.12 = 3.06; totals
// are whole numbers, so a change must be 4 points or more to exceed it.
const CSI4_RELIABLE_CHANGE = 4;

export const csi4V1: TotalInstrument = {
  kind: "total",
  key: "csi4",
  version: 1,
  title: "Couples Satisfaction Index (CSI-4)",
  shortTitle: "CSI-4",
  description: "Four questions on satisfaction with the relationship, scored 0–21; higher is better.",
  attribution:
    "Couples Satisfaction Index (CSI-4): Funk, J. L., & Rogge, R. D. (2007). Testing the ruler with item " +
    "response theory: Increasing precision of measurement for relationship satisfaction with the Couples " +
    "Satisfaction Index. Journal of Family Psychology, 21(4), 572–583. Free for research and clinical use.",
  instructions: "Please answer each question about your relationship with your partner.",
  items: [
    {
      id: "csi4_1",
      scored: true,
      text: "Please indicate the degree of happiness, all things considered, of your relationship.",
      scale: HAPPINESS,
    },
    { id: "csi4_2", scored: true, text: "I have a warm and comfortable relationship with my partner.", scale: TRUTH },
    { id: "csi4_3", scored: true, text: "How rewarding is your relationship with your partner?", scale: EXTENT },
    { id: "csi4_4", scored: true, text: "In general, how satisfied are you with your relationship?", scale: EXTENT },
  ],
  // Every item has its own scale; this is the one most of them share, for anything that needs a default.
  scale: EXTENT,
  scoring: {
    min: 0,
    max: 21,
    direction: "higher_is_better",
    bands: [
      { from: 0, to: 13, label: "Notable dissatisfaction", severity: 2 },
      { from: 14, to: 21, label: "No notable dissatisfaction", severity: 0 },
    ],
    cutOff: {
      value: 13.5,
      label: "Dissatisfaction cut-off (13.5)",
      provisional: false,
      source:
        "Funk & Rogge (2007), J Fam Psychol 21:572–583: CSI-4 totals below 13.5 suggest notable relationship " +
        "dissatisfaction.",
    },
    reliableChange: {
      value: CSI4_RELIABLE_CHANGE,
      provisional: true,
      source:
        "Provisional, not a published figure: derived as 1.96 × SD × √(2(1 − r)) (Jacobson & Truax, 1991) " +
        "with r = .94 (the CSI-4's internal consistency, Funk & Rogge 2007) and an assumed SD of 4.5 points " +
        "(no published SD could be checked). That gives 3.06 points; totals are whole numbers, so a change " +
        "of 4 points or more is reliable. Replace it when a published reliable-change figure is found.",
    },
  },
};
