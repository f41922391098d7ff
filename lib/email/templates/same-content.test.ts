import { describe, expect, it } from "vitest";
import {
  clinicalAlertEmail,
  emailChangeConfirmationEmail,
  emailChangeNoticeEmail,
  invitationEmail,
  passwordChangedEmail,
  passwordResetEmail,
  reminderEmail,
  resultsLinkEmail,
  setPasswordEmail,
  signUpConfirmationEmail,
  signUpExistingAccountEmail,
  teamInvitationExistingAccountEmail,
  type RenderedEmail,
} from "./index";

/*
 * Each email is written once and rendered twice. Read back independently — the text by its blank
 * lines, the HTML by its paragraphs and links — both parts must say the same things in the same
 * order, with the same links, whatever the names hold (markup, ampersands, quotes).
 */

const name = `Sam "S" O'Neil <b>&</b>`;
const practice = "Harbour & Co <Practice>";
const link = "https://attune.example/a/abc?x=1&y=2";
const at = new Date("2026-12-08T23:30:00Z");
const zone = "Pacific/Auckland";
const client = { practiceName: practice, clinicianName: `Dr ${name}`, clientFirstName: name, link, expiresAt: at, timeZone: zone };

const EMAILS: Record<string, RenderedEmail> = {
  invitation: invitationEmail(client),
  "reminder with a new link": reminderEmail({ ...client, firstSentAt: at, stopLink: `${link}&stop` }),
  "reminder without a link": reminderEmail({ ...client, link: null, firstSentAt: at, stopLink: `${link}&stop` }),
  "results link": resultsLinkEmail(client),
  "set password": setPasswordEmail({ practiceName: practice, ownerName: name, userName: name, link, expiresAt: at, timeZone: zone }),
  "team invitation, existing account": teamInvitationExistingAccountEmail({ practiceName: practice, ownerName: name, userName: name }),
  "sign-up confirmation": signUpConfirmationEmail({ link, validHours: 24 }),
  "sign-up, existing account": signUpExistingAccountEmail({ signInLink: link }),
  "password reset": passwordResetEmail({ userName: name, link, validMinutes: 60 }),
  "email change confirmation": emailChangeConfirmationEmail({ link, validHours: 24 }),
  "email change notice": emailChangeNoticeEmail({ userName: name, newEmail: "new@example.test", cancelLink: link }),
  "password changed": passwordChangedEmail({ userName: name }),
  "clinical alert": clinicalAlertEmail({ userName: name, link }),
};

/** What a paragraph says, and the address it links to if any. */
type Said = { words: string; href: string | null };

/** The text part: paragraphs between blank lines; a paragraph ending in an address on its own line is a link. */
function saidInText(text: string): Said[] {
  return text.split("\n\n").map((paragraph) => {
    const lines = paragraph.split("\n");
    expect(lines.length, `a text paragraph is one line, or one line and an address: ${paragraph}`).toBeLessThanOrEqual(2);
    if (lines.length === 1) return { words: lines[0]!, href: null };
    expect(lines[1]).toMatch(/^https:\/\/\S+$/);
    return { words: lines[0]!.replace(/:$/, ""), href: lines[1]! };
  });
}

const decode = (html: string) =>
  html.replaceAll("&lt;", "<").replaceAll("&gt;", ">").replaceAll("&quot;", '"').replaceAll("&#39;", "'").replaceAll("&amp;", "&");

/** The HTML part: each paragraph's visible words (tags dropped, entities decoded) and its link, if any. */
function saidInHtml(html: string): Said[] {
  const paragraphs = [...html.matchAll(/<p\b[^>]*>([\s\S]*?)<\/p>/g)].map((match) => match[1]!);
  const said = paragraphs.map((inner) => {
    const hrefs = [...inner.matchAll(/href="([^"]*)"/g)].map((match) => decode(match[1]!));
    expect(hrefs.length).toBeLessThanOrEqual(1);
    const words = decode(inner.replace(/<br\s*\/?>/g, " ").replace(/<[^>]+>/g, ""));
    return { words: hrefs.length ? words.replace(/\.$/, "") : words, href: hrefs[0] ?? null };
  });
  // The address under a button repeats the button's own link for clients that show no buttons.
  return said.filter((entry, index) => {
    const fallback = entry.words.startsWith("If the button does not work, copy this address into your browser:");
    if (fallback) expect(entry.words.endsWith(said[index - 1]!.href!)).toBe(true);
    return !fallback;
  });
}

describe("every email says the same in its text and its HTML", () => {
  it.each(Object.entries(EMAILS))("%s", (_, email) => {
    const text = saidInText(email.text);
    expect(saidInHtml(email.html)).toEqual(text);
    // The names arrive as typed in the text and escaped in the HTML, never as markup.
    expect(email.html).not.toContain("<b>");
    expect(email.html).toContain(`<title>${email.subject.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;").replaceAll('"', "&quot;").replaceAll("'", "&#39;")}</title>`);
  });

  it("reads what a person reads: the greeting first, the link where the action is", () => {
    expect(saidInText(EMAILS.invitation!.text).slice(0, 1)).toEqual([{ words: `Hello ${name},`, href: null }]);
    expect(saidInText(EMAILS.invitation!.text)).toContainEqual({ words: "Open the questionnaire", href: link });
    expect(saidInHtml(EMAILS["reminder with a new link"]!.html)).toContainEqual({ words: "To stop these reminders, open this link", href: `${link}&stop` });
  });
});
