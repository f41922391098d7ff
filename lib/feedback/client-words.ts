import type { ScoreDimension } from "@/lib/scores/score-summary";

/*
 * The seven dimensions in words written for clients, not clinicians: what each one means in
 * everyday life, and a line for when it is a strength and when it is a place to grow. No scale
 * names, no jargon ("band", "RCI", "reliable change"): a client reads this on their own, at home.
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

/** Where a score sits, in words a client can hold on to (the clinician's "bands", renamed). */
export const LEVEL_WORDS = {
  strength: "A strong point",
  developing: "Growing",
  growth: "Room to grow",
} as const;

export const NOT_A_DIAGNOSIS =
  "These results are a starting point for a conversation in your sessions, not a diagnosis. They show how you answered on one day, and they can change.";
