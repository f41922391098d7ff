import { aside, button, renderEmail, say, strong, type Block, type RenderedEmail } from "./render";
import { formatLongDate, oneLine } from "./words";

/*
 * The emails to clients: a questionnaire link, a plan's reminder, a results link. They leave the
 * practice's control the moment they are sent, so they say who is writing and how to act, and
 * nothing clinical — no instrument name, item text, scores or diagnosis words.
 */

type InvitationEmailInput = {
  practiceName: string;
  clinicianName: string;
  clientFirstName: string;
  link: string;
  expiresAt: Date;
  /** The practice's IANA time zone: the expiry date is the practice's calendar day. */
  timeZone: string;
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
};

/** Every email of a practice ends the same way: what to do if it was unexpected, and who sent it. */
export function signOff(practice: string): Block[] {
  return [aside(`If you were not expecting this email, you can ignore it, or contact ${practice}.`), aside(practice)];
}

export function invitationEmail(input: InvitationEmailInput): RenderedEmail {
  const practice = oneLine(input.practiceName);
  const clinician = oneLine(input.clinicianName);
  const expires = formatLongDate(input.expiresAt, input.timeZone);
  return renderEmail({
    subject: `${practice}: a short questionnaire from ${clinician}`,
    blocks: [
      say(`Hello ${oneLine(input.clientFirstName)},`),
      say(`${clinician} at ${practice} has asked you to fill in a short questionnaire.`),
      say("It takes about 5–10 minutes. Your answers save as you go, so you can stop and come back to the same link later, on any device."),
      button("Open the questionnaire", input.link),
      say("The link is just for you and expires on ", strong(expires), ". Please do not forward it."),
      ...signOff(practice),
    ],
  });
}

/** A measurement plan's reminder to someone who has not finished (lib/plans/run.ts). */
export function reminderEmail(input: ReminderEmailInput): RenderedEmail {
  const practice = oneLine(input.practiceName);
  const clinician = oneLine(input.clinicianName);
  const expires = formatLongDate(input.expiresAt, input.timeZone);
  const firstSent = formatLongDate(input.firstSentAt, input.timeZone);
  return renderEmail({
    subject: `${practice}: a reminder from ${clinician}`,
    blocks: [
      say(`Hello ${oneLine(input.clientFirstName)},`),
      say(`A gentle reminder: ${clinician} at ${practice} asked you to fill in a short questionnaire on ${firstSent}.`),
      ...(input.link
        ? [say("This link replaces the one in the earlier email."), button("Open the questionnaire", input.link)]
        : [say(`Your answers so far are saved: open the link in the email of ${firstSent} to finish.`)]),
      say("The link expires on ", strong(expires), "."),
      { kind: "link", before: "To stop these reminders, ", label: "open this link", href: input.stopLink },
      ...signOff(practice),
    ],
  });
}

/** A client's personal results link (issue 15). Says nothing clinical: no scores, no dimension names. */
export function resultsLinkEmail(input: InvitationEmailInput): RenderedEmail {
  const practice = oneLine(input.practiceName);
  const clinician = oneLine(input.clinicianName);
  const expires = formatLongDate(input.expiresAt, input.timeZone);
  return renderEmail({
    subject: `${practice}: your results from ${clinician}`,
    blocks: [
      say(`Hello ${oneLine(input.clientFirstName)},`),
      say(`${clinician} at ${practice} has shared the results of your questionnaires with you, to talk about in your sessions.`),
      button("See your results", input.link),
      say("The link is just for you and works until ", strong(expires), ". Please do not forward it."),
      ...signOff(practice),
    ],
  });
}
