import { translatorFor } from "@/lib/i18n/catalogues";
import { aside, button, renderEmail, say, strong, type Block, type RenderedEmail } from "./render";
import { formatLongDateIn, oneLine } from "./words";

/*
 * The emails to clients: a questionnaire link, a plan's reminder, a results link. They leave the
 * practice's control the moment they are sent, so they say who is writing and how to act, and
 * nothing clinical — no instrument name, item text, scores or diagnosis words. Each is written in
 * the client's language (`locale`, a catalogue in messages/; English when absent), dates in the
 * practice's zone but in the client's words.
 */

type InvitationEmailInput = {
  practiceName: string;
  clinicianName: string;
  clientFirstName: string;
  link: string;
  expiresAt: Date;
  /** The practice's IANA time zone: the expiry date is the practice's calendar day. */
  timeZone: string;
  /** The client's language; English when absent. */
  locale?: string;
};

type ReminderEmailInput = {
  practiceName: string;
  clinicianName: string;
  clientFirstName: string;
  /** A fresh link when the first was never opened; null when the client started from the first email's link. */
  link: string | null;
  /** When the first email was sent, so the client can find it. */
  firstSentAt: Date;
  expiresAt: Date;
  /** One click stops further reminders of this plan. */
  stopLink: string;
  timeZone: string;
  locale?: string;
};

/** Every email of a practice ends the same way: what to do if it was unexpected, and who sent it. */
export function signOff(practice: string, locale = "en"): Block[] {
  const t = translatorFor(locale, "email");
  return [aside(t("unexpected", { practice })), aside(practice)];
}

/** What every client email shares: its words, the names on one line, dates in the client's words. */
function clientEmail(input: { practiceName: string; clinicianName: string; timeZone: string; locale?: string }) {
  const locale = input.locale ?? "en";
  const dateLocale = String(translatorFor(locale)("language.dateLocale"));
  return {
    locale,
    t: translatorFor(locale, "email"),
    practice: oneLine(input.practiceName),
    clinician: oneLine(input.clinicianName),
    date: (value: Date) => formatLongDateIn(dateLocale, value, input.timeZone),
  };
}

export function invitationEmail(input: InvitationEmailInput): RenderedEmail {
  const { locale, t, practice, clinician, date } = clientEmail(input);
  return renderEmail({
    lang: locale,
    buttonFallback: t("buttonFallback"),
    subject: t("invitationSubject", { practice, clinician }),
    blocks: [
      say(t("hello", { name: oneLine(input.clientFirstName) })),
      say(t("invitationAsked", { practice, clinician })),
      say(t("invitationTakes")),
      button(t("open"), input.link),
      say(t("justForYouExpires"), strong(date(input.expiresAt)), t("doNotForward")),
      ...signOff(practice, locale),
    ],
  });
}

/** A measurement plan's reminder to someone who has not finished (lib/plans/run.ts). */
export function reminderEmail(input: ReminderEmailInput): RenderedEmail {
  const { locale, t, practice, clinician, date } = clientEmail(input);
  const firstSent = date(input.firstSentAt);
  return renderEmail({
    lang: locale,
    buttonFallback: t("buttonFallback"),
    subject: t("reminderSubject", { practice, clinician }),
    blocks: [
      say(t("hello", { name: oneLine(input.clientFirstName) })),
      say(t("reminderAsked", { practice, clinician, date: firstSent })),
      ...(input.link ? [say(t("reminderReplaces")), button(t("open"), input.link)] : [say(t("reminderSaved", { date: firstSent }))]),
      say(t("expiresOn"), strong(date(input.expiresAt)), t("expiresEnd")),
      { kind: "link", before: t("stopBefore"), label: t("stopLabel"), href: input.stopLink },
      ...signOff(practice, locale),
    ],
  });
}

/** A client's personal results link (issue 15). Says nothing clinical: no scores, no dimension names. */
export function resultsLinkEmail(input: InvitationEmailInput): RenderedEmail {
  const { locale, t, practice, clinician, date } = clientEmail(input);
  return renderEmail({
    lang: locale,
    buttonFallback: t("buttonFallback"),
    subject: t("resultsSubject", { practice, clinician }),
    blocks: [
      say(t("hello", { name: oneLine(input.clientFirstName) })),
      say(t("resultsShared", { practice, clinician })),
      button(t("resultsButton"), input.link),
      say(t("worksUntil"), strong(date(input.expiresAt)), t("doNotForward")),
      ...signOff(practice, locale),
    ],
  });
}
