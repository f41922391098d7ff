import { PHQ_DIFFICULTY, PHQ_FREQUENCY } from "./phq-scales";
import type { TotalInstrument } from "./types";

/*
 * PHQ-9, version 1: Kroenke, K., Spitzer, R. L., & Williams, J. B. W. (2001). The PHQ-9: Validity of
 * a brief depression severity measure. Journal of General Internal Medicine, 16(9), 606–613.
 * Free to use: "No permission required to reproduce, translate, display or distribute."
 *
 * What was checked, and against what (November 2026, with the project's search tools; the
 * phqscreeners.com PDF itself could not be opened):
 * - Stem, the nine item texts, the four answer labels, the difficulty question and its four labels:
 *   identical across several independent copies of the Pfizer English form (LOINC panel 44249-1
 *   Questionnaires, clinic forms, app sources). Where copies differ in punctuation (a comma after
 *   "dead" in item 9, a full stop instead of "?" in item 8) we follow the Pfizer form's wording as the
 *   majority of copies give it.
 * - Attribution: the Pfizer footer, word for word as it appears in several copies.
 * - Bands 0–4 / 5–9 / 10–14 / 15–19 / 20–27 and their names: Kroenke et al. (2001) and the PHQ
 *   instruction manual, as quoted consistently by secondary sources. Not checked against the paper.
 * - Cut-off 10 and reliable change 6: see `scoring` below; both from secondary sources quoting the
 *   publications, not from the publications themselves.
 * Our own words, not the publication's: `description`, the difficulty question's `prompt`, and the
 * band severities (colour only).
 *
 * Once responses exist, never edit a text, id, value or figure here: add a version 2.
 */

export const phq9V1: TotalInstrument = {
  kind: "total",
  key: "phq9",
  version: 1,
  title: "Patient Health Questionnaire (PHQ-9)",
  shortTitle: "PHQ-9",
  description: "Nine questions on symptoms of depression over the last two weeks, scored 0–27; higher is worse.",
  attribution:
    "Developed by Drs. Robert L. Spitzer, Janet B.W. Williams, Kurt Kroenke and colleagues, with an " +
    "educational grant from Pfizer Inc. No permission required to reproduce, translate, display or distribute.",
  instructions: "Over the last 2 weeks, how often have you been bothered by any of the following problems?",
  items: [
    { id: "phq9_1", scored: true, text: "Little interest or pleasure in doing things" },
    { id: "phq9_2", scored: true, text: "Feeling down, depressed, or hopeless" },
    { id: "phq9_3", scored: true, text: "Trouble falling or staying asleep, or sleeping too much" },
    { id: "phq9_4", scored: true, text: "Feeling tired or having little energy" },
    { id: "phq9_5", scored: true, text: "Poor appetite or overeating" },
    {
      id: "phq9_6",
      scored: true,
      text: "Feeling bad about yourself \u2014 or that you are a failure or have let yourself or your family down",
    },
    {
      id: "phq9_7",
      scored: true,
      text: "Trouble concentrating on things, such as reading the newspaper or watching television",
    },
    {
      id: "phq9_8",
      scored: true,
      text:
        "Moving or speaking so slowly that other people could have noticed? Or the opposite \u2014 being so " +
        "fidgety or restless that you have been moving around a lot more than usual",
    },
    {
      id: "phq9_9",
      scored: true,
      // Any answer above "Not at all" is a critical answer: the clinician is alerted at once.
      criticalAbove: 0,
      text: "Thoughts that you would be better off dead or of hurting yourself in some way",
    },
    {
      id: "phq9_difficulty",
      // Answered and stored, never summed (Kroenke et al. 2001); optional, see isOptionalItem.
      scored: false,
      prompt: "One more question, about the problems above:",
      text:
        "If you checked off any problems, how difficult have these problems made it for you to do your " +
        "work, take care of things at home, or get along with other people?",
      scale: PHQ_DIFFICULTY,
    },
  ],
  scale: PHQ_FREQUENCY,
  scoring: {
    min: 0,
    max: 27,
    direction: "higher_is_worse",
    bands: [
      { from: 0, to: 4, label: "Minimal", severity: 0 },
      { from: 5, to: 9, label: "Mild", severity: 1 },
      { from: 10, to: 14, label: "Moderate", severity: 2 },
      { from: 15, to: 19, label: "Moderately severe", severity: 3 },
      { from: 20, to: 27, label: "Severe", severity: 4 },
    ],
    cutOff: {
      value: 10,
      label: "Clinical cut-off (10)",
      provisional: false,
      source:
        "Kroenke, Spitzer & Williams (2001), J Gen Intern Med 16:606–613: a total of 10 or more had 88% " +
        "sensitivity and 88% specificity for major depression. Manea, Gilbody & McMillan (2012), CMAJ " +
        "184:E191–E196, meta-analysis: cut-offs from 8 to 11 perform about equally well; 10 is the usual one. " +
        "NHS Talking Therapies (formerly IAPT) also counts 10 or more as a clinical case.",
    },
    reliableChange: {
      value: 6,
      provisional: false,
      source:
        "NHS Talking Therapies for anxiety and depression manual (formerly the IAPT manual): a fall of 6 or " +
        "more PHQ-9 points is reliable improvement; we apply the same 6 points to a rise (reliable " +
        "deterioration). McMillan, Gilbody & Richards (2010), J Affect Disord 127:122–129, recommend a " +
        "reliable change index over the 50% criterion; their own figure could not be checked here, so " +
        "the published service figure is used.",
    },
  },
};
