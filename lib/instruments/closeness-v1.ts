import type { ClosenessDimension, InstrumentDefinition, ReliableChangeParameters } from "./types";

export const CLOSENESS_DIMENSIONS = [
  "knowledge",
  "interdependence",
  "care",
  "trust",
  "responsiveness",
  "mutuality",
  "commitment",
] as const satisfies readonly ClosenessDimension[];

// Provisional until there is a norm sample: DESIGN.md §2 fixes SD 18 and r .80 for every dimension.
const PROVISIONAL_RCI: ReliableChangeParameters = { sd: 18, r: 0.8 };

/**
 * Closeness Inventory, version 1. Item texts are the project's own writing. Once responses exist,
 * never edit a text, id or keying here: change them in a new version, so old scores keep meaning.
 * Each dimension's reverse-keyed item sits at a different position so the pattern is not obvious.
 * In Spanish: translations/closeness-v1.es.json, our own translation — "translation not yet
 * validated" (status not_validated), said to the clinician wherever it was used. Same items, same keys.
 */
export const closenessV1: InstrumentDefinition<ClosenessDimension> = {
  kind: "profile",
  key: "closeness",
  version: 1,
  title: "Closeness Inventory",
  shortTitle: "Closeness",
  description: "Seven dimensions of closeness with a partner, scored 0–100; higher is closer.",
  attribution: null,
  instructions: [
    "Each statement is about your partner, or about you and your partner together. " +
      "If you are not in a couple, answer about the person you feel closest to.",
    "Choose how much you agree with each statement. There are no right or wrong answers. " +
      "Every statement needs an answer before you can send the form.",
  ].join("\n\n"),
  dimensions: [
    {
      key: "knowledge",
      label: "Knowledge",
      description:
        "Sharing what one would not tell a casual friend — past, fears, dreams, goals — and knowing " +
        "each other's everyday life, large and small; reciprocal.",
    },
    {
      key: "interdependence",
      label: "Interdependence",
      description:
        "Each partner meaningfully influences the other, from new foods to new ideas; they can rely " +
        "on one another.",
    },
    {
      key: "care",
      label: "Care",
      description:
        "Heightened concern for the other's welfare: comfort in hard times, nurture in sickness, " +
        "keeping the other safe, going the extra mile.",
    },
    {
      key: "trust",
      label: "Trust",
      description:
        "Confidence that the other acts with fairness and honour, will not knowingly cause harm, " +
        "\u201chas my back\u201d; survives failures over time.",
    },
    {
      key: "responsiveness",
      label: "Responsiveness",
      description:
        "Recognising, understanding and supporting the other's needs in stress and hardship, in a " +
        "timely way, so each feels appreciated.",
    },
    {
      key: "mutuality",
      label: "Mutuality",
      description:
        "The move from \u201cme\u201d to \u201cwe\u201d: both recognise and respect the close connection.",
    },
    {
      key: "commitment",
      label: "Commitment",
      description:
        "A shared wish for the relationship to continue indefinitely, which lets the rest deepen.",
    },
  ],
  items: [
    { id: "k1", dimension: "knowledge", text: "I tell my partner things I keep from most other people.", reverseKeyed: false },
    { id: "k2", dimension: "knowledge", text: "My partner knows what I dream of doing in the future.", reverseKeyed: false },
    { id: "k3", dimension: "knowledge", text: "My partner does not know much about my daily life.", reverseKeyed: true },
    { id: "k4", dimension: "knowledge", text: "My partner shares their private thoughts with me.", reverseKeyed: false },

    { id: "k5", dimension: "interdependence", text: "I have tried new things because of my partner.", reverseKeyed: false },
    { id: "k6", dimension: "interdependence", text: "My partner has little effect on the choices I make.", reverseKeyed: true },
    { id: "k7", dimension: "interdependence", text: "My partner has picked up some of my interests.", reverseKeyed: false },
    { id: "k8", dimension: "interdependence", text: "We depend on each other in everyday life.", reverseKeyed: false },

    { id: "k9", dimension: "care", text: "My partner comforts me when times are hard.", reverseKeyed: false },
    { id: "k10", dimension: "care", text: "When I am sick, my partner takes care of me.", reverseKeyed: false },
    { id: "k11", dimension: "care", text: "My partner goes out of their way to help me.", reverseKeyed: false },
    { id: "k12", dimension: "care", text: "My partner pays little attention to how I am doing.", reverseKeyed: true },

    { id: "k13", dimension: "trust", text: "I find it hard to trust my partner.", reverseKeyed: true },
    { id: "k14", dimension: "trust", text: "My partner treats me fairly.", reverseKeyed: false },
    { id: "k15", dimension: "trust", text: "I know my partner is on my side.", reverseKeyed: false },
    { id: "k16", dimension: "trust", text: "I still trust my partner after they make a mistake.", reverseKeyed: false },

    { id: "k17", dimension: "responsiveness", text: "My partner notices when I am stressed.", reverseKeyed: false },
    { id: "k18", dimension: "responsiveness", text: "My partner understands what I need when things are hard.", reverseKeyed: false },
    { id: "k19", dimension: "responsiveness", text: "I feel taken for granted by my partner.", reverseKeyed: true },
    { id: "k20", dimension: "responsiveness", text: "When I need support, my partner is there for me right away.", reverseKeyed: false },

    { id: "k21", dimension: "mutuality", text: "I think of my partner and me as \u201cus\u201d.", reverseKeyed: false },
    { id: "k22", dimension: "mutuality", text: "We see ourselves as a team.", reverseKeyed: false },
    { id: "k23", dimension: "mutuality", text: "My partner values our closeness as much as I do.", reverseKeyed: false },
    { id: "k24", dimension: "mutuality", text: "We feel more like two separate people than a pair.", reverseKeyed: true },

    { id: "k25", dimension: "commitment", text: "I want our relationship to last for many years.", reverseKeyed: false },
    { id: "k26", dimension: "commitment", text: "I sometimes think about ending things with my partner.", reverseKeyed: true },
    { id: "k27", dimension: "commitment", text: "My partner wants our relationship to last, too.", reverseKeyed: false },
    { id: "k28", dimension: "commitment", text: "I see a future with my partner.", reverseKeyed: false },
  ],
  scale: [
    { value: 1, label: "Strongly disagree" },
    { value: 2, label: "Disagree" },
    { value: 3, label: "Neither agree nor disagree" },
    { value: 4, label: "Agree" },
    { value: 5, label: "Strongly agree" },
  ],
  scoring: {
    min: 1,
    max: 5,
    bands: { growthBelow: 40, strengthFrom: 70 },
    strengthsCount: 2,
    coupleGap: { windowDays: 14, flagAt: 25 },
    reliableChange: {
      provisional: true,
      byDimension: {
        knowledge: PROVISIONAL_RCI,
        interdependence: PROVISIONAL_RCI,
        care: PROVISIONAL_RCI,
        trust: PROVISIONAL_RCI,
        responsiveness: PROVISIONAL_RCI,
        mutuality: PROVISIONAL_RCI,
        commitment: PROVISIONAL_RCI,
      },
      criticalRci: 1.96,
    },
  },
};
