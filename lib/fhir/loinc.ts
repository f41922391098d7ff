import type { Coding } from "fhir/r4";

/*
 * LOINC codes for PHQ-9 and GAD-7, each checked against LOINC's own pages (loinc.org, looked up
 * 2026-12): the answer lists LL358-3 (PHQ frequency: LA6568-5 Not at all, LA6569-3 Several days,
 * LA6570-1 More than half the days, LA6571-9 Nearly every day) and LL359-1 (perceived difficulty:
 * LA6572-7 Not difficult at all, LA6573-5 Somewhat difficult, LA6575-0 Very difficult, LA6574-3
 * Extremely difficult — published copies that swap the last two are wrong); the item terms listed
 * on those pages and in the PHQ-SADS panel 69729-2; the panels 44249-1 (PHQ-9) and 69737-5 (GAD-7);
 * the totals 44261-6 and 70274-6. The difficulty question is 69722-7 ("How difficult have these
 * made it for you to do your work, take care of things at home, or get along with other people"),
 * the term on LL359-1 whose text is the question's. CSI-4 has no LOINC code we could confirm.
 */

export const LOINC_SYSTEM = "http://loinc.org";

const loinc = (code: string, display?: string): Coding => ({ system: LOINC_SYSTEM, code, ...(display ? { display } : {}) });

/** Each item's LOINC question code, by item id. */
export const LOINC_ITEMS: Readonly<Record<string, Coding>> = {
  phq9_1: loinc("44250-9"),
  phq9_2: loinc("44255-8"),
  phq9_3: loinc("44259-0"),
  phq9_4: loinc("44254-1"),
  phq9_5: loinc("44251-7"),
  phq9_6: loinc("44258-2"),
  phq9_7: loinc("44252-5"),
  phq9_8: loinc("44253-3"),
  phq9_9: loinc("44260-8"),
  phq9_difficulty: loinc("69722-7"),
  gad7_1: loinc("69725-0"),
  gad7_2: loinc("68509-9"),
  gad7_3: loinc("69733-4"),
  gad7_4: loinc("69734-2"),
  gad7_5: loinc("69735-9"),
  gad7_6: loinc("69689-8"),
  gad7_7: loinc("69736-7"),
  gad7_difficulty: loinc("69722-7"),
};

const FREQUENCY = ["LA6568-5", "LA6569-3", "LA6570-1", "LA6571-9"];
const DIFFICULTY = ["LA6572-7", "LA6573-5", "LA6575-0", "LA6574-3"];

/** LOINC answer codes by the project's scale code system id (lib/fhir/code-systems.ts), indexed by the value chosen. */
export const LOINC_ANSWERS: Readonly<Record<string, readonly string[]>> = {
  "phq9-1-scale": FREQUENCY,
  "phq9-1-phq9-difficulty-scale": DIFFICULTY,
  "gad7-1-scale": FREQUENCY,
  "gad7-1-gad7-difficulty-scale": DIFFICULTY,
};

/** Panels (the Questionnaire's code) and totals (the Observation's code). */
export const LOINC: Readonly<Record<string, { panel: Coding; total: Coding }>> = {
  phq9: {
    panel: loinc("44249-1", "PHQ-9 quick depression assessment panel [Reported.PHQ]"),
    total: loinc("44261-6", "Patient Health Questionnaire 9 item (PHQ-9) total score [Reported]"),
  },
  gad7: {
    panel: loinc("69737-5", "Generalized anxiety disorder 7 item (GAD-7)"),
    total: loinc("70274-6", "Generalized anxiety disorder 7 item (GAD-7) total score [Reported.PHQ]"),
  },
};
