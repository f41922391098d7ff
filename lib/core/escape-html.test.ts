import { describe, expect, it } from "vitest";
import { escapeHtml } from "./escape-html";

describe("escapeHtml", () => {
  it("escapes the five characters that matter in text and attributes", () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe("&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;");
  });

  it("escapes an ampersand first, so an entity already in the text shows as typed", () => {
    expect(escapeHtml("Tom &amp; Jerry")).toBe("Tom &amp;amp; Jerry");
  });

  it("leaves other text alone", () => {
    expect(escapeHtml("")).toBe("");
    expect(escapeHtml("Zoë — 12 Main St., café/€ 100%")).toBe("Zoë — 12 Main St., café/€ 100%");
  });
});
