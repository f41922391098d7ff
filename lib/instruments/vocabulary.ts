import { closenessV1 } from "./closeness-v1";
import type { Band, ClosenessDimension } from "./types";

/*
 * One vocabulary for bands and dimensions, read by the clinician's pages and the client's alike
 * (DESIGN §2). A band has ONE name for both readers ("Developing" is "Developing" everywhere); the
 * client gets gentler words beside it, never a second name. Dimensions keep the instrument's label
 * for both; the clinician reads the definition's description, the client the everyday words below.
 */

type ScoreDimension = ClosenessDimension;

export type BandWords = {
  /** The band's one name, for clinician and client alike. */
  name: string;
  /** Its range on the 0–100 scale, in words. */
  range: string;
  /** What it means, said gently to a client (after the name, never instead of it). */
  forClient: string;
};

export const BAND_WORDS: Record<Band, BandWords> = {
  strength: { name: "Strength", range: "70 and above", forClient: "A strong point for you right now." },
  developing: { name: "Developing", range: "40 to 69.9", forClient: "A good base, with room to deepen." },
  growth: { name: "Growth area", range: "below 40", forClient: "A place to grow, worth talking about together." },
};

/** The band's one name: "Strength", "Developing", "Growth area". */
export function bandName(band: Band): string {
  return BAND_WORDS[band].name;
}

/** "Bands: below 40 growth area; 40 to 69.9 developing; 70 and above strength." */
export const BAND_KEY = `Bands: ${(["growth", "developing", "strength"] as const).map((band) => `${BAND_WORDS[band].range} ${BAND_WORDS[band].name.toLowerCase()}`).join("; ")}.`;

/** The names of the two lists of DESIGN §2, for both readers. */
export const LIST_NAMES = { strengths: "Strengths", growthAreas: "Growth areas" } as const;

/** A dimension's label, the same for both readers. */
export function dimensionLabel(key: ScoreDimension): string {
  return closenessV1.dimensions.find((dimension) => dimension.key === key)?.label ?? key;
}

/*
 * The seven dimensions in words written for clients, not clinicians: what each one means in
 * everyday life, and a line for when it is a strength and when it is a place to grow. No scale
 * names, no jargon ("RCI", "reliable change"): a client reads this on their own, at home.
 */

export type ClientDimensionWords = {
  /** What the dimension is about, in one warm sentence. */
  meaning: string;
  /** Said when it is one of the client's two strengths. */
  strength: string;
  /** Said when it is one of their two areas to grow. */
  grow: string;
};

export const CLIENT_WORDS: Record<ScoreDimension, ClientDimensionWords> = {
  knowledge: {
    meaning: "Knowing each other well: sharing your past, fears, hopes and plans, and the small things of each day.",
    strength: "You feel you know each other deeply and can share things you would not tell just anyone.",
    grow: "There may be more you would like to share with each other, or to learn about each other's days and dreams.",
  },
  interdependence: {
    meaning: "Making a difference to each other: influencing each other's choices and ideas, and being able to rely on one another.",
    strength: "You feel you shape each other's lives and can lean on each other.",
    grow: "You might explore how much you let each other in on choices, and how you rely on one another.",
  },
  care: {
    meaning: "Looking after each other: comfort in hard times, care when one of you is unwell, going the extra mile.",
    strength: "You feel cared for and look out for each other's wellbeing.",
    grow: "You might talk about how each of you likes to be cared for, especially when things are hard.",
  },
  trust: {
    meaning: "Feeling safe with each other: trusting that your partner is fair, has your back and would not knowingly hurt you.",
    strength: "You feel you can count on each other to be fair and to have each other's back.",
    grow: "Feeling safe with each other may need some care and attention, at a pace that feels right to you.",
  },
  responsiveness: {
    meaning: "Being there for each other: noticing and answering each other's needs, especially under stress, so you both feel appreciated.",
    strength: "You feel noticed and supported when you need it.",
    grow: "You might look at how you notice and respond to each other's needs, especially in stressful times.",
  },
  mutuality: {
    meaning: "Feeling like a \"we\": both of you recognising and valuing the connection you share.",
    strength: "You have a strong sense of being a team, of \"us\".",
    grow: "You might explore what being a \"we\" means to each of you, and how to feel it more.",
  },
  commitment: {
    meaning: "Wanting to go on together: a shared wish for the relationship to last, which lets everything else grow.",
    strength: "You share a clear wish to keep going together.",
    grow: "You might talk together about what you each hope for the future of your relationship.",
  },
};

export const NOT_A_DIAGNOSIS =
  "These results are a starting point for a conversation in your sessions, not a diagnosis. They show how you answered on one day, and they can change.";
