import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { BROWSER_NAMESPACES, browserMessages, listLocales, messagesFor } from "@/lib/i18n/catalogues";

/*
 * Only the namespaces in BROWSER_NAMESPACES reach the browser (app/a/layout.tsx). A component the
 * questionnaire renders in the browser that translated with another namespace would show its keys
 * instead of words once its part switched there: this walks what step-form.tsx imports and checks.
 */

const ROOT = path.resolve(__dirname, "../..");

function resolveImport(from: string, specifier: string): string | null {
  const base = specifier.startsWith("@/") ? path.join(ROOT, specifier.slice(2)) : specifier.startsWith(".") ? path.resolve(path.dirname(from), specifier) : null;
  if (!base) return null;
  for (const candidate of [`${base}.tsx`, `${base}.ts`, path.join(base, "index.ts")]) {
    try {
      readFileSync(candidate);
      return candidate;
    } catch {
      // not this one
    }
  }
  return null;
}

/** Every namespace passed to useTranslations in the files a module reaches through its imports. */
function namespacesReachedFrom(entry: string): Map<string, string[]> {
  const seen = new Set<string>();
  const found = new Map<string, string[]>();
  const queue = [entry];
  while (queue.length > 0) {
    const file = queue.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    const source = readFileSync(file, "utf8");
    for (const match of source.matchAll(/useTranslations\(\s*(?:"([^"]*)")?\s*\)/g)) {
      const namespace = match[1] ?? "(whole catalogue)";
      found.set(namespace, [...(found.get(namespace) ?? []), path.relative(ROOT, file)]);
    }
    for (const match of source.matchAll(/^import\s+(?!type\b)[^;]*?from\s+"([^"]+)"/gm)) {
      const next = resolveImport(file, match[1]!);
      if (next) queue.push(next);
    }
  }
  return found;
}

describe("the words sent to the browser", () => {
  it("cover every namespace the questionnaire's browser components translate with", () => {
    const used = namespacesReachedFrom(path.join(ROOT, "components/assessment/step-form.tsx"));
    expect(used.size).toBeGreaterThan(0);
    const missing = [...used.keys()].filter((namespace) => !(BROWSER_NAMESPACES as readonly string[]).includes(namespace));
    expect(missing.map((namespace) => `${namespace} (in ${used.get(namespace)!.join(", ")})`)).toEqual([]);
  });

  it("are those namespaces only, in every language, each present", () => {
    for (const locale of listLocales()) {
      const sent = browserMessages(messagesFor(locale));
      expect(Object.keys(sent).sort()).toEqual([...BROWSER_NAMESPACES].sort());
      for (const namespace of BROWSER_NAMESPACES) expect(Object.keys(sent[namespace] as object).length, `${locale}.${namespace}`).toBeGreaterThan(0);
      expect(JSON.stringify(sent).length).toBeLessThan(JSON.stringify(messagesFor(locale)).length / 2);
    }
  });
});
