import { PHQ_DIFFICULTY, PHQ_FREQUENCY } from "./phq-scales";
import type { TotalInstrument } from "./types";

/*
 * GAD-7, version 1: Spitzer, R. L., Kroenke, K., Williams, J. B. W., & Löwe, B. (2006). A brief measure
 * for assessing generalized anxiety disorder: The GAD-7. Archives of Internal Medicine, 166(10),
 * 1092–1097. Free to use: "No permission required to reproduce, translate, display or distribute."
 *
 * What was checked, and against what (November 2026, with the project's search tools; the
 * phqscreeners.com PDF itself could not be opened):
 * - Stem, the seven item texts, the answer labels and the difficulty question: as in a FHIR
 *   Questionnaire (LOINC panel 69737-5) that carries Pfizer's copyright line, and in several other
 *   copies of the Pfizer English form. Copies differ in small ways ("anxious, or on edge" with a
 *   second comma, "it's hard" for "it is hard", "Over half the days" as in the 2006 paper's figure);
 *   we follow the Pfizer form. Note the form's difficulty question says "these made it", not
 *   "these problems made it" as the PHQ-9's does.
 * - Attribution: the Pfizer footer, word for word.
 * - Bands 0–4 / 5–9 / 10–14 / 15–21: Spitzer et al. (2006), as quoted consistently by secondary
 *   sources. Not checked against the paper.
 * - Cut-off 10 and reliable change 4: see `scoring` below; from secondary sources quoting the
 *   publications.
 * Our own words, not the publication's: `description`, the difficulty question's `prompt`, and the
 * band severities (colour only).
 *
 * Once responses exist, never edit a text, id, value or figure here: add a version 2.
 */

export const gad7V1: TotalInstrument = {
  kind: "total",
  key: "gad7",
  version: 1,
  title: "Generalized Anxiety Disorder scale (GAD-7)",
  shortTitle: "GAD-7",
  description: "Seven questions on symptoms of anxiety over the last two weeks, scored 0–21; higher is worse.",
  attribution:
    "Developed by Drs. Robert L. Spitzer, Janet B.W. Williams, Kurt Kroenke and colleagues, with an " +
    "educational grant from Pfizer Inc. No permission required to reproduce, translate, display or distribute.",
  instructions: "Over the last 2 weeks, how often have you been bothered by the following problems?",
  items: [
    { id: "gad7_1", scored: true, text: "Feeling nervous, anxious or on edge" },
    { id: "gad7_2", scored: true, text: "Not being able to stop or control worrying" },
    { id: "gad7_3", scored: true, text: "Worrying too much about different things" },
    { id: "gad7_4", scored: true, text: "Trouble relaxing" },
    { id: "gad7_5", scored: true, text: "Being so restless that it is hard to sit still" },
    { id: "gad7_6", scored: true, text: "Becoming easily annoyed or irritable" },
    { id: "gad7_7", scored: true, text: "Feeling afraid as if something awful might happen" },
    {
      id: "gad7_difficulty",
      // Answered and stored, never summed; optional, see isOptionalItem.
      scored: false,
      prompt: "One more question, about the problems above:",
      text:
        "If you checked off any problems, how difficult have these made it for you to do your work, take " +
        "care of things at home, or get along with other people?",
      scale: PHQ_DIFFICULTY,
    },
  ],
  scale: PHQ_FREQUENCY,
  scoring: {
    min: 0,
    max: 21,
    direction: "higher_is_worse",
    bands: [
      { from: 0, to: 4, label: "Minimal", severity: 0 },
      { from: 5, to: 9, label: "Mild", severity: 1 },
      { from: 10, to: 14, label: "Moderate", severity: 2 },
      { from: 15, to: 21, label: "Severe", severity: 4 },
    ],
    cutOff: {
      value: 10,
      label: "Clinical cut-off (10)",
      provisional: false,
      source:
        "Spitzer, Kroenke, Williams & Löwe (2006), Arch Intern Med 166:1092–1097: a total of 10 or more had " +
        "89% sensitivity and 82% specificity for generalized anxiety disorder. NHS Talking Therapies " +
        "(formerly IAPT) counts 8 or more as a clinical case for its recovery figures; we use the " +
        "developers' 10, which is also where the Moderate band starts.",
    },
    reliableChange: {
      value: 4,
      provisional: false,
      source:
        "NHS Talking Therapies for anxiety and depression manual (formerly the IAPT manual): a fall of 4 or " +
        "more GAD-7 points is reliable improvement; we apply the same 4 points to a rise (reliable " +
        "deterioration).",
    },
  },
};
