import { createTranslator } from "use-intl/core";
import { describe, expect, it } from "vitest";
import { DEFAULT_CRISIS_TEXT } from "@/lib/alerts/crisis";
import { DEFAULT_LOCALE, languageLabel, listLocales, messagesFor, translatorFor } from "./catalogues";

/** Every leaf of a catalogue as "a.b.c" → its message. */
function leaves(messages: unknown, prefix = ""): Map<string, string> {
  const found = new Map<string, string>();
  for (const [key, value] of Object.entries(messages as Record<string, unknown>)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === "string") found.set(path, value);
    else for (const [leaf, text] of leaves(value, path)) found.set(leaf, text);
  }
  return found;
}

/** Every word in braces: the message's arguments, and some branch words too (harmless as extra arguments). */
function candidateArguments(message: string): Record<string, number> {
  return Object.fromEntries([...message.matchAll(/\{\s*([A-Za-z][A-Za-z0-9]*)\s*[,}]/g)].map((match) => [match[1]!, 2]));
}

/** The keys whose message fails to format with the English message's arguments (one it does not know, or bad syntax). */
function unformattable(locale: string): string[] {
  const failed = new Set<string>();
  let current = "";
  const t = createTranslator({ locale, messages: messagesFor(locale), onError: () => failed.add(current) } as Parameters<typeof createTranslator>[0]);
  for (const [key, text] of english) {
    current = key;
    (t as (key: string, values: Record<string, number>) => string)(key, candidateArguments(text));
  }
  return [...failed];
}

const english = leaves(messagesFor(DEFAULT_LOCALE));

describe("the message catalogues (messages/*.json)", () => {
  it("are English and Spanish at least, English first", () => {
    expect(listLocales()[0]).toBe("en");
    expect(listLocales()).toContain("es");
    expect(languageLabel("es")).toBe("Spanish (Español)");
  });

  for (const locale of listLocales().filter((tag) => tag !== DEFAULT_LOCALE)) {
    describe(locale, () => {
      const catalogue = leaves(messagesFor(locale));

      it("has every key of the English catalogue, and no other", () => {
        expect([...english.keys()].filter((key) => !catalogue.has(key))).toEqual([]);
        expect([...catalogue.keys()].filter((key) => !english.has(key))).toEqual([]);
      });

      it("formats every message with the English message's arguments, and no message is left empty", () => {
        expect(unformattable(locale)).toEqual([]);
        expect([...catalogue].filter(([, text]) => text.trim() === "").map(([key]) => key)).toEqual([]);
      });

      it("is not English left untranslated (beyond names and codes)", () => {
        const same = [...catalogue].filter(([key, text]) => english.get(key) === text && /[a-z]{4,}/i.test(text.replace(/\{[^}]*\}/g, "")));
        expect(same.map(([key]) => key)).toEqual([]);
      });

      it("formats plurals and selects by its own rules", () => {
        const t = translatorFor(locale, "questionnaire");
        const one = t("reviewMissing", { count: 1, noun: "question" });
        const many = t("reviewMissing", { count: 3, noun: "question" });
        expect(one).not.toBe(many);
        expect(many).toContain("3");
      });
    });
  }

  it("keeps the English crisis text the same as the safe default the practice settings show", () => {
    expect(translatorFor("en", "crisis")("default")).toBe(DEFAULT_CRISIS_TEXT);
  });

  it("writes Spanish plurals and dates in Spanish", () => {
    const t = translatorFor("es", "questionnaire");
    expect(t("reviewMissing", { count: 1, noun: "statement" })).toBe("Una frase todavía necesita una respuesta");
    expect(t("reviewMissing", { count: 2, noun: "statement" })).toBe("2 frases todavía necesitan una respuesta");
    expect(translatorFor("es")("language.dateLocale")).toBe("es");
  });
});
