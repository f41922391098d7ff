import { describe, expect, it } from "vitest";
import { closenessV1 } from "@/lib/instruments";
import {
  emailChangeConfirmationEmail,
  emailChangeNoticeEmail,
  formatLongDate,
  invitationEmail,
  passwordChangedEmail,
  passwordResetEmail,
  setPasswordEmail,
  signUpConfirmationEmail,
  signUpExistingAccountEmail,
  teamInvitationExistingAccountEmail,
} from "./templates";

// 23:30 UTC on Tuesday 8 December 2026 is already Wednesday 9 December in Auckland (UTC+13),
// and still Tuesday afternoon in Los Angeles.
const expiresAt = new Date("2026-12-08T23:30:00Z");

const invitation = {
  practiceName: "Harbour Practice",
  clinicianName: "Dr Ana Ruiz",
  clientFirstName: "Sam",
  link: "https://attune.example/a/abc123_-XYZ",
  expiresAt,
  timeZone: "Pacific/Auckland",
};

const CLINICAL_WORDS =
  /score|diagnos|depress|anxi|disorder|symptom|therap|counsell|clinical|closeness|inventory|assessment|partner|couple|relationship|trust|commitment|intima/i;

describe("invitationEmail", () => {
  it("says who invites, how long it takes, that answers save, where to go and until when", () => {
    const email = invitationEmail(invitation);
    expect(email.subject).toBe("Harbour Practice: a short questionnaire from Dr Ana Ruiz");
    expect(email.text).toContain("Hello Sam,");
    expect(email.text).toContain("Dr Ana Ruiz at Harbour Practice");
    expect(email.text).toContain("5–10 minutes");
    expect(email.text).toContain("answers save as you go");
    expect(email.text).toContain(`\n${invitation.link}\n`);
    expect(email.text).toContain("expires on Wednesday 9 December 2026");
    expect(email.text).toMatch(/not expecting this email.*ignore it.*contact Harbour Practice/);
    expect(email.html).toContain(`href="${invitation.link}"`);
    expect(email.html).toContain("Wednesday 9 December 2026");
  });

  it("is written in the client's language, dates in their words and the practice's time zone", () => {
    const email = invitationEmail({ ...invitation, locale: "es" });
    expect(email.subject).toBe("Harbour Practice: un cuestionario breve de Dr Ana Ruiz");
    expect(email.text).toContain("Hola, Sam:");
    expect(email.text).toContain("Dr Ana Ruiz, de Harbour Practice, le pide que llene un cuestionario breve.");
    expect(email.text).toContain("vence el miércoles, 9 de diciembre de 2026. Por favor, no lo reenvíe.");
    expect(email.text).toContain(`Abrir el cuestionario:\n${invitation.link}`);
    expect(email.html).toContain('<html lang="es">');
    expect(email.html).toContain("Si el botón no funciona, copie esta dirección en su navegador:");
    expect(email.html).not.toContain("If the button does not work");
    expect(invitationEmail({ ...invitation, locale: "es", timeZone: "America/Los_Angeles" }).text).toContain("vence el martes, 8 de diciembre de 2026");
    // A language without a catalogue falls back to English rather than failing to write the email.
    expect(invitationEmail({ ...invitation, locale: "xx" }).subject).toBe("Harbour Practice: a short questionnaire from Dr Ana Ruiz");
  });

  it("dates the expiry in the practice's time zone", () => {
    expect(invitationEmail({ ...invitation, timeZone: "America/Los_Angeles" }).text).toContain(
      "expires on Tuesday 8 December 2026",
    );
    expect(invitationEmail({ ...invitation, timeZone: "Europe/London" }).text).toContain("expires on Tuesday 8 December 2026");
    expect(formatLongDate(expiresAt, "Pacific/Auckland")).toBe("Wednesday 9 December 2026");
    // An unknown zone falls back to UTC rather than failing to write the email.
    expect(formatLongDate(expiresAt, "Not/AZone")).toBe("Tuesday 8 December 2026");
  });

  it("escapes every interpolated value in the HTML part", () => {
    const hostile = "<script>alert(1)</script>";
    const email = invitationEmail({
      practiceName: `Practice ${hostile}`,
      clinicianName: `Dr "Quote" ${hostile}`,
      clientFirstName: `Sam ${hostile} & co`,
      link: 'https://attune.example/a/x"><script>alert(2)</script>',
      expiresAt,
      timeZone: "Pacific/Auckland",
    });
    expect(email.html).not.toContain("<script>");
    expect(email.html).not.toContain('x"><');
    expect(email.html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(email.html).toContain("Sam &lt;script&gt;alert(1)&lt;/script&gt; &amp; co");
    expect(email.html).toContain("Dr &quot;Quote&quot;");
    // The plain-text part is not HTML: it keeps the names as typed.
    expect(email.text).toContain(`Hello Sam ${hostile} & co,`);
  });

  it("keeps names on one line, so nothing can be smuggled into the Subject header", () => {
    const email = invitationEmail({ ...invitation, practiceName: "Harbour\r\nBcc: someone@example.test", clinicianName: "Ana\n  Ruiz" });
    expect(email.subject).toBe("Harbour Bcc: someone@example.test: a short questionnaire from Ana Ruiz");
    expect(email.subject).not.toMatch(/[\r\n]/);
  });

  it("says nothing clinical: no instrument name, item text, scores or diagnosis words", () => {
    const email = invitationEmail(invitation);
    for (const part of [email.subject, email.text, email.html]) {
      expect(part).not.toMatch(CLINICAL_WORDS);
      expect(part).not.toContain(closenessV1.title);
      for (const item of closenessV1.items) expect(part).not.toContain(item.text);
      expect(part).not.toMatch(/\b\d{1,3}(\.\d)?\s*(%|points?|\/\s*100)/);
    }
  });
});

describe("setPasswordEmail", () => {
  const input = {
    practiceName: "Harbour Practice",
    ownerName: "Olive Owner",
    userName: "Cleo <b>Clinician</b>",
    link: "https://attune.example/set-password/tok",
    expiresAt: new Date("2026-12-11T01:15:00Z"),
    timeZone: "Pacific/Auckland",
  };

  it("says who added them, where to set the password and when the link expires, in the practice's zone", () => {
    const email = setPasswordEmail(input);
    expect(email.subject).toBe("Harbour Practice: your invitation to Attune");
    expect(email.text).toContain("Olive Owner has added you to Harbour Practice");
    expect(email.text).toContain(`\n${input.link}\n`);
    expect(email.text).toContain("expires on Friday 11 December 2026 at 14:15 (Pacific/Auckland time)");
    expect(email.text).toContain("works once");
    expect(email.html).toContain("Cleo &lt;b&gt;Clinician&lt;/b&gt;");
    expect(email.html).not.toContain("<b>Clinician");
    expect(email.html).not.toMatch(CLINICAL_WORDS);
  });
});

describe("teamInvitationExistingAccountEmail", () => {
  const input = { practiceName: "Harbour Practice", ownerName: "Olive Owner", userName: "Cleo <b>Clinician</b>" };

  it("tells the holder calmly that nothing changed, under the same subject as a set-password email, with no link", () => {
    const email = teamInvitationExistingAccountEmail(input);
    const setPassword = setPasswordEmail({ ...input, link: "https://attune.example/set-password/tok", expiresAt: new Date(), timeZone: "UTC" });
    expect(email.subject).toBe(setPassword.subject);
    expect(email.text).toContain("Olive Owner at Harbour Practice tried to add you");
    expect(email.text).toContain("already has an Attune account");
    expect(email.text).toContain("nothing has changed");
    for (const part of [email.text, email.html]) {
      expect(part).not.toMatch(/https?:\/\//);
      expect(part).not.toMatch(/password/i);
    }
    expect(email.html).toContain("Cleo &lt;b&gt;Clinician&lt;/b&gt;");
  });
});

describe("sign-up emails", () => {
  it("the confirmation carries the link, how long it works, and that nothing exists until it is used", () => {
    const link = "https://attune.example/sign-up/confirm/sealed";
    const email = signUpConfirmationEmail({ link, validHours: 24 });
    expect(email.text).toContain("Someone asked to create an Attune practice with this address");
    expect(email.text).toContain(`\n${link}\n`);
    expect(email.text).toContain("works for 24 hours");
    expect(email.text).toContain("nothing is created");
    expect(email.html).toContain(`href="${link}"`);
  });

  it("the notice to an existing account repeats nothing typed at sign-up and links only to sign-in", () => {
    const email = signUpExistingAccountEmail({ signInLink: "https://attune.example/sign-in" });
    expect(email.text).toContain("already has an Attune account, so nothing was created");
    expect(email.text).toContain("\nhttps://attune.example/sign-in\n");
    expect([...`${email.text}${email.html}`.matchAll(/https?:\/\/[^\s"<]+/g)].map((m) => m[0])).toEqual([
      "https://attune.example/sign-in",
      "https://attune.example/sign-in",
    ]);
  });
});


describe("account emails", () => {
  it("the reset link says how long it works, and that ignoring it changes nothing", () => {
    const email = passwordResetEmail({ userName: "Sam <b>Lee</b>", link: "https://attune.test/reset-password/abc", validMinutes: 60 });
    expect(email.subject).toBe("Reset your Attune password");
    expect(email.text).toContain("https://attune.test/reset-password/abc");
    expect(email.text).toContain("60 minutes");
    expect(email.text).toContain("your password has not changed");
    expect(email.html).toContain("Sam &lt;b&gt;Lee&lt;/b&gt;");
    expect(email.html).not.toContain("<b>Lee</b>");
  });

  it("a change of email: the link goes to the new address, the old one is told which address", () => {
    const confirm = emailChangeConfirmationEmail({ link: "https://attune.test/confirm-email/abc", validHours: 24 });
    expect(confirm.text).toContain("https://attune.test/confirm-email/abc");
    const notice = emailChangeNoticeEmail({ userName: "Sam", newEmail: "new@example.test", cancelLink: "https://attune.test/email-change/cancel/xyz" });
    expect(notice.text).toContain("new@example.test");
    // Probe 1: the old address gets a one-click "this wasn't me", and no other link.
    expect(notice.text.match(/https:\/\/\S+/g)).toEqual(["https://attune.test/email-change/cancel/xyz"]);
    expect(notice.html).toContain("This wasn&#39;t me");
    expect(passwordChangedEmail({ userName: "Sam" }).text).toContain("signed out on every other device");
  });
});
