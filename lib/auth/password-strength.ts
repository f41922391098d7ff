import "server-only";
import type { ZxcvbnFactory } from "@zxcvbn-ts/core";
import { log } from "@/config/log";

/*
 * How guessable a new password is, offline: zxcvbn-ts estimates the guesses an attacker needs,
 * matching against common and breached passwords, English words and names, keyboard patterns,
 * dates and repeats. We require score 3 ("safely unguessable": about 10^8 guesses or more) on top
 * of the length rule in lib/core/validation.ts, and no composition rules (NIST SP 800-63B).
 *
 * zxcvbn counts the person's own name and email as cheap guesses, but it adds a fixed cost for
 * every extra piece of a password, so "noorhaddad2024" still scores 3. An attacker aiming at one
 * account knows that name and address, so we also score what remains once they are taken out:
 * that part must be strong on its own.
 */

const MIN_SCORE = 3;

/**
 * The app's own demo password (scripts/seed/): published in the README, so the first thing tried
 * against any Attune. Refused as a new password everywhere, as is the demo password of old.
 */
export const DEMO_PASSWORD = "velvet-orchard-compass";

/**
 * Passphrases famous enough to be in every cracking list, though zxcvbn scores them well: long
 * strings of ordinary words, quoted in comics, films, songs and password advice. Compared with
 * letters and digits only, case ignored, so spacing and punctuation do not hide them.
 */
export const COMMON_PASSPHRASES = [
  DEMO_PASSWORD,
  "attune-demo-password",
  "correct horse battery staple",
  "correcthorse",
  "horse battery staple",
  "the quick brown fox jumps over the lazy dog",
  "quick brown fox",
  "may the force be with you",
  "to be or not to be",
  "open sesame",
  "i love you so much",
  "let me in please",
  "hello world",
  "all work and no play makes jack a dull boy",
  "we are the champions",
  "never gonna give you up",
  "winter is coming",
  "the cake is a lie",
  "trust no one",
  "one two three four five six",
  "sherlock holmes",
  "harry potter",
  "password password",
  "change me please",
  "i am the one who knocks",
  "live laugh love",
];

const squash = (value: string) => value.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, "");
const SQUASHED_PASSPHRASES = COMMON_PASSPHRASES.map(squash).sort((a, b) => b.length - a.length);
/** Words that say "this site": as guessable here as the person's own name. */
const SITE_WORDS = ["attune"];

export type PasswordContext = {
  name?: string | null;
  email?: string | null;
  practiceName?: string | null;
};

export type PasswordStrength = { ok: true } | { ok: false; message: string };

let loading: Promise<ZxcvbnFactory> | undefined;

/** The dictionaries are a few megabytes: loaded on first use, once per process. */
function estimator(): Promise<ZxcvbnFactory> {
  loading ??= (async () => {
    const [{ ZxcvbnFactory }, common, en] = await Promise.all([
      import("@zxcvbn-ts/core"),
      import("@zxcvbn-ts/language-common"),
      import("@zxcvbn-ts/language-en"),
    ]);
    return new ZxcvbnFactory({
      translations: en.translations,
      graphs: common.adjacencyGraphs,
      dictionary: { ...common.dictionary, ...en.dictionary },
    });
  })().catch((error: unknown) => {
    // A failed load must not stay cached: the next check tries again.
    loading = undefined;
    throw error;
  });
  return loading;
}

/**
 * Starts loading the dictionaries without waiting: pages where a password is about to be chosen
 * call it, so the check on submit does not pay for the first load.
 */
export function preparePasswordCheck(): void {
  estimator().catch((error: unknown) => log.error({ error }, "password dictionaries could not be loaded"));
}

/** The person's own words: the whole name, email and practice name, and each part of them. */
export function personalWords(context: PasswordContext): string[] {
  const wholes = [context.name, context.email, context.practiceName].map((value) => value?.trim().toLowerCase() ?? "").filter(Boolean);
  const [local = "", domain = ""] = (context.email ?? "").toLowerCase().split("@");
  const domainLabels = domain.split(".").slice(0, -1); // not the top-level domain
  const sources = [context.name?.toLowerCase() ?? "", context.practiceName?.toLowerCase() ?? "", local, ...domainLabels, ...SITE_WORDS];
  const parts = sources.flatMap((value) => value.split(/[^\p{L}\p{N}]+/u));
  const words = [...wholes, local, ...parts].filter((word) => word.length >= 3);
  return [...new Set(words)].sort((a, b) => b.length - a.length);
}

function withoutWords(password: string, words: string[]): string {
  if (words.length === 0) return password;
  const pattern = new RegExp(words.map((word) => word.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("|"), "giu");
  return password.replace(pattern, "");
}

/**
 * Says whether a new password is hard enough to guess, with a message for the field when it is
 * not. Checks strength only; the length rule is the form schema's (`newPasswordSchema`).
 */
export async function checkPasswordStrength(password: string, context: PasswordContext = {}): Promise<PasswordStrength> {
  const zxcvbn = await estimator();
  const words = personalWords(context);
  const squashed = squash(password);
  const famous = SQUASHED_PASSPHRASES.find((phrase) => squashed.includes(phrase));
  if (famous) {
    const rest = squashed.replace(famous, "");
    if (rest === "" || zxcvbn.check(rest, words).score < MIN_SCORE) {
      return {
        ok: false,
        message: "This is a well-known passphrase (or this app's demo password): it is among the first tried. Choose a few words of your own.",
      };
    }
  }
  const result = zxcvbn.check(password, words);
  if (result.score < MIN_SCORE) {
    const { warning, suggestions } = result.feedback;
    const advice = suggestions[0] ?? "Add a few more words that have nothing to do with each other.";
    return { ok: false, message: `${warning ?? "This password is too easy to guess."} ${advice}` };
  }
  const rest = withoutWords(password, words);
  if (rest !== password && (rest.trim() === "" || zxcvbn.check(rest, words).score < MIN_SCORE)) {
    return {
      ok: false,
      message:
        "This password leans on your name, email address or practice name, which are easy to guess for anyone who knows you. Add a few words that have nothing to do with them.",
    };
  }
  return { ok: true };
}
