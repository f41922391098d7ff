import { escapeHtml } from "@/lib/core/escape-html";

/**
 * One source for each email: a subject and a list of blocks, rendered twice — to plain text and to
 * HTML — by the two functions below, so the two parts cannot say different things. Why blocks and
 * not react-email: docs/decisions/0029-one-source-for-each-email.md.
 */

/** Words, or words shown strong in HTML (an expiry date); plain text has no emphasis. */
export type Inline = string | { strong: string };

export type Block =
  /** A paragraph. `quiet`: the grey of sign-offs and small print. */
  | { kind: "paragraph"; words: readonly Inline[]; quiet?: boolean }
  /** The email's action: in text `Label:` over the address; in HTML a button (and the address under it unless `fallback: false`). */
  | { kind: "button"; label: string; href: string; fallback?: boolean }
  /** A quiet link inside a sentence (`before` + `label`): in text the address on the next line. */
  | { kind: "link"; before: string; label: string; href: string };

export type EmailSource = {
  subject: string;
  blocks: readonly Block[];
  /** The language the email is written in (the client's, for client emails); English when absent. */
  lang?: string;
  /** Under a button in HTML, for mail clients that show none; in the email's own language. */
  buttonFallback?: string;
};

const BUTTON_FALLBACK = "If the button does not work, copy this address into your browser:";

export type RenderedEmail = { subject: string; text: string; html: string };

/** A paragraph of the email's words. */
export function say(...words: Inline[]): Block {
  return { kind: "paragraph", words };
}

/** A quiet paragraph: the sign-off, what to do if the email was unexpected. */
export function aside(...words: Inline[]): Block {
  return { kind: "paragraph", words, quiet: true };
}

export function strong(words: string): Inline {
  return { strong: words };
}

export function button(label: string, href: string, options: { fallback?: boolean } = {}): Block {
  return { kind: "button", label, href, ...options };
}

export function renderEmail(source: EmailSource): RenderedEmail {
  return { subject: source.subject, text: renderText(source), html: renderHtml(source) };
}

/** Paragraphs separated by a blank line; every address alone on its line, so any mail client makes it a link. */
export function renderText(source: EmailSource): string {
  return source.blocks.map(textOf).join("\n\n");
}

function textOf(block: Block): string {
  switch (block.kind) {
    case "paragraph":
      return block.words.map((word) => (typeof word === "string" ? word : word.strong)).join("");
    case "button":
      return `${block.label}:\n${block.href}`;
    case "link":
      return `${block.before}${block.label}:\n${block.href}`;
  }
}

/** A single-column layout with inline styles (mail clients drop style sheets); every value escaped. */
export function renderHtml(source: EmailSource): string {
  return [
    "<!doctype html>",
    `<html lang="${escapeHtml(source.lang ?? "en")}">`,
    '<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(source.subject)}</title></head>`,
    '<body style="margin:0;padding:24px 16px;background:#f8fafc;font-family:-apple-system,\'Segoe UI\',Roboto,Helvetica,Arial,sans-serif;font-size:16px;line-height:1.5;">',
    '<div style="max-width:560px;margin:0 auto;background:#ffffff;border:1px solid #e2e8f0;border-radius:8px;padding:24px;">',
    ...source.blocks.flatMap((block) => htmlOf(block, source.buttonFallback ?? BUTTON_FALLBACK)),
    "</div>",
    "</body>",
    "</html>",
  ].join("\n");
}

const INK = "#0f172a";
const QUIET = "#475569";

function htmlOf(block: Block, buttonFallback: string): string[] {
  switch (block.kind) {
    case "paragraph":
      return [htmlParagraph(block.words.map((word) => (typeof word === "string" ? escapeHtml(word) : `<strong>${escapeHtml(word.strong)}</strong>`)).join(""), block.quiet ? QUIET : INK)];
    case "button":
      return [
        `<p style="margin:24px 0;"><a href="${escapeHtml(block.href)}" style="display:inline-block;background:#1f6f68;color:#ffffff;text-decoration:none;font-weight:600;padding:12px 20px;border-radius:6px;">${escapeHtml(block.label)}</a></p>`,
        // The address under the button, for clients that show no buttons; the text part has it already.
        ...(block.fallback === false
          ? []
          : [htmlParagraph(`${escapeHtml(buttonFallback)}<br><span style="word-break:break-all;">${escapeHtml(block.href)}</span>`, QUIET)]),
      ];
    case "link":
      return [htmlParagraph(`${escapeHtml(block.before)}<a href="${escapeHtml(block.href)}" style="color:${QUIET}">${escapeHtml(block.label)}</a>.`, QUIET)];
  }
}

function htmlParagraph(html: string, color: string): string {
  return `<p style="margin:0 0 16px;color:${color};">${html}</p>`;
}
