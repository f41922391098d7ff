import { escapeHtml } from "@/lib/core/escape-html";

/**
 * The words of the emails Attune sends. Pure functions (no server-only) so they are unit-tested.
 *
 * An email leaves the practice's control the moment it is sent: it says who is writing and how to
 * act on it, and nothing clinical — no instrument name, item text, scores or diagnosis words.
 * Every interpolated value is escaped in the HTML part, and folded onto one line where it lands in
 * a header (the subject).
 */

type RenderedEmail = { subject: string; text: string; html: string };

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

type SetPasswordEmailInput = {
  practiceName: string;
  ownerName: string;
  userName: string;
  link: string;
  expiresAt: Date;
  timeZone: string;
};

type SignUpEmailInput = {
  name: string;
  practiceName: string;
  link: string;
  /** How long the link works, in hours (it carries its own expiry). */
  validHours: number;
};

/** Every email ends the same way: what to do if it was unexpected, and who sent it. */
function signOffText(practice: string): string[] {
  return [`If you were not expecting this email, you can ignore it, or contact ${practice}.`, "", practice];
}

function signOffHtml(practice: string): string[] {
  return [
    paragraph(`If you were not expecting this email, you can ignore it, or contact ${escapeHtml(practice)}.`, "#475569"),
    paragraph(escapeHtml(practice), "#475569"),
  ];
}

export function invitationEmail(input: InvitationEmailInput): RenderedEmail {
  const practice = oneLine(input.practiceName);
  const clinician = oneLine(input.clinicianName);
  const firstName = oneLine(input.clientFirstName);
  const expires = formatLongDate(input.expiresAt, input.timeZone);

  const subject = `${practice}: a short questionnaire from ${clinician}`;
  const text = [
    `Hello ${firstName},`,
    "",
    `${clinician} at ${practice} has asked you to fill in a short questionnaire.`,
    "",
    "It takes about 5–10 minutes. Your answers save as you go, so you can stop and come back to the same link later, on any device.",
    "",
    "Open the questionnaire:",
    input.link,
    "",
    `The link is just for you and expires on ${expires}. Please do not forward it.`,
    "",
    ...signOffText(practice),
  ].join("\n");

  const html = layout({
    title: subject,
    body: [
      paragraph(`Hello ${escapeHtml(firstName)},`),
      paragraph(`${escapeHtml(clinician)} at ${escapeHtml(practice)} has asked you to fill in a short questionnaire.`),
      paragraph(
        "It takes about 5–10 minutes. Your answers save as you go, so you can stop and come back to the same link later, on any device.",
      ),
      button(input.link, "Open the questionnaire"),
      linkFallback(input.link),
      paragraph(`The link is just for you and expires on <strong>${escapeHtml(expires)}</strong>. Please do not forward it.`),
      ...signOffHtml(practice),
    ],
  });

  return { subject, text, html };
}

/** A measurement plan's reminder to someone who has not finished (lib/plans/run.ts). */
export function reminderEmail(input: ReminderEmailInput): RenderedEmail {
  const practice = oneLine(input.practiceName);
  const clinician = oneLine(input.clinicianName);
  const firstName = oneLine(input.clientFirstName);
  const expires = formatLongDate(input.expiresAt, input.timeZone);
  const firstSent = formatLongDate(input.firstSentAt, input.timeZone);

  const subject = `${practice}: a reminder from ${clinician}`;
  const where = input.link
    ? ["Open the questionnaire (this link replaces the one in the earlier email):", input.link]
    : [`Your answers so far are saved: open the link in the email of ${firstSent} to finish.`];
  const text = [
    `Hello ${firstName},`,
    "",
    `A gentle reminder: ${clinician} at ${practice} asked you to fill in a short questionnaire on ${firstSent}.`,
    "",
    ...where,
    "",
    `The link expires on ${expires}.`,
    "",
    "To stop these reminders, open:",
    input.stopLink,
    "",
    ...signOffText(practice),
  ].join("\n");

  const html = layout({
    title: subject,
    body: [
      paragraph(`Hello ${escapeHtml(firstName)},`),
      paragraph(`A gentle reminder: ${escapeHtml(clinician)} at ${escapeHtml(practice)} asked you to fill in a short questionnaire on ${escapeHtml(firstSent)}.`),
      ...(input.link
        ? [paragraph("This link replaces the one in the earlier email."), button(input.link, "Open the questionnaire"), linkFallback(input.link)]
        : [paragraph(`Your answers so far are saved: open the link in the email of ${escapeHtml(firstSent)} to finish.`)]),
      paragraph(`The link expires on <strong>${escapeHtml(expires)}</strong>.`),
      paragraph(`<a href="${escapeHtml(input.stopLink)}" style="color:#475569">Stop these reminders</a>`, "#475569"),
      ...signOffHtml(practice),
    ],
  });
  return { subject, text, html };
}

export function setPasswordEmail(input: SetPasswordEmailInput): RenderedEmail {
  const practice = oneLine(input.practiceName);
  const owner = oneLine(input.ownerName);
  const userName = oneLine(input.userName);
  const expires = `${formatLongDate(input.expiresAt, input.timeZone)} at ${formatTime(input.expiresAt, input.timeZone)}`;

  const subject = teamInvitationSubject(practice);
  const text = [
    `Hello ${userName},`,
    "",
    `${owner} has added you to ${practice} on Attune, the practice's dashboard.`,
    "",
    "To sign in for the first time, choose your password here:",
    input.link,
    "",
    `The link works once and expires on ${expires} (${input.timeZone.replaceAll("_", " ")} time). If it has expired, ask ${owner} to send a new one.`,
    "",
    ...signOffText(practice),
  ].join("\n");

  const html = layout({
    title: subject,
    body: [
      paragraph(`Hello ${escapeHtml(userName)},`),
      paragraph(`${escapeHtml(owner)} has added you to ${escapeHtml(practice)} on Attune, the practice's dashboard.`),
      paragraph("To sign in for the first time, choose your password:"),
      button(input.link, "Set your password"),
      linkFallback(input.link),
      paragraph(
        `The link works once and expires on <strong>${escapeHtml(expires)}</strong> (${escapeHtml(
          input.timeZone.replaceAll("_", " "),
        )} time). If it has expired, ask ${escapeHtml(owner)} to send a new one.`,
      ),
      ...signOffHtml(practice),
    ],
  });

  return { subject, text, html };
}

/**
 * One subject for both team-invitation emails (a new account's set-password link, and the notice to
 * an address that already has an account): the owner's outbox list shows subjects, and must not
 * tell the two apart.
 */
function teamInvitationSubject(practice: string): string {
  return `${practice}: your invitation to Attune`;
}

/**
 * To an address that already has an Attune account, instead of a set-password link: an address
 * belongs to one practice only. Tells the holder, not the owner who asked, and carries no link.
 */
export function teamInvitationExistingAccountEmail(input: { practiceName: string; ownerName: string; userName: string }): RenderedEmail {
  const practice = oneLine(input.practiceName);
  const owner = oneLine(input.ownerName);
  const userName = oneLine(input.userName);

  const subject = teamInvitationSubject(practice);
  const sentences = [
    `${owner} at ${practice} tried to add you to their practice on Attune.`,
    "This email address already has an Attune account, and an address can belong to one practice only, so nothing has changed: your account is as it was.",
    `If you would like to join ${practice}, let ${owner} know another email address to use.`,
  ];
  const text = [`Hello ${userName},`, "", ...sentences.flatMap((line) => [line, ""]), ...signOffText(practice)].join("\n");
  const html = layout({
    title: subject,
    body: [paragraph(`Hello ${escapeHtml(userName)},`), ...sentences.map((line) => paragraph(escapeHtml(line))), ...signOffHtml(practice)],
  });
  return { subject, text, html };
}

/** Confirms the address before a practice exists: the link lets its holder choose a password and create it. */
export function signUpConfirmationEmail(input: SignUpEmailInput): RenderedEmail {
  const name = oneLine(input.name);
  const practice = oneLine(input.practiceName);

  const subject = "Finish creating your practice on Attune";
  const text = [
    `Hello ${name},`,
    "",
    `To finish creating ${practice} on Attune, choose your password here:`,
    input.link,
    "",
    `The link works for ${input.validHours} hours. Until it is used, nothing is created.`,
    "",
    "If you did not ask to create a practice on Attune, you can ignore this email.",
    "",
    "Attune",
  ].join("\n");

  const html = layout({
    title: subject,
    body: [
      paragraph(`Hello ${escapeHtml(name)},`),
      paragraph(`To finish creating ${escapeHtml(practice)} on Attune, choose your password:`),
      button(input.link, "Choose your password"),
      linkFallback(input.link),
      paragraph(`The link works for ${input.validHours} hours. Until it is used, nothing is created.`),
      paragraph("If you did not ask to create a practice on Attune, you can ignore this email.", "#475569"),
      paragraph("Attune", "#475569"),
    ],
  });
  return { subject, text, html };
}

/**
 * To an address that already has an account, when someone signs up with it. Repeats nothing the
 * person signing up typed (it may not be the holder), and carries no credential: only where to sign in.
 */
export function signUpExistingAccountEmail(input: { signInLink: string }): RenderedEmail {
  const subject = "Your Attune account";
  const sentences = [
    "Someone — perhaps you — tried to create a new practice on Attune with this email address.",
    "The address already has an Attune account, so nothing was created and nothing has changed.",
  ];
  const after = [
    "If you cannot sign in, ask the owner of your practice to send you a new set-password link.",
    "If it was not you, you can ignore this email.",
  ];
  const text = [
    "Hello,",
    "",
    ...sentences.flatMap((line) => [line, ""]),
    "If it was you, sign in here:",
    input.signInLink,
    "",
    ...after.flatMap((line) => [line, ""]),
    "Attune",
  ].join("\n");
  const html = layout({
    title: subject,
    body: [
      paragraph("Hello,"),
      ...sentences.map((line) => paragraph(escapeHtml(line))),
      button(input.signInLink, "Sign in"),
      ...after.map((line) => paragraph(escapeHtml(line), "#475569")),
      paragraph("Attune", "#475569"),
    ],
  });
  return { subject, text, html };
}

/**
 * An account email with an optional link: a password reset, an email-address confirmation, or a
 * notice that something changed. Says what happened and what to do if it was not you.
 */
function accountEmail(input: { subject: string; greeting: string; sentences: string[]; link?: { href: string; label: string }; after: string[] }): RenderedEmail {
  const text = [
    input.greeting,
    "",
    ...input.sentences.flatMap((line) => [line, ""]),
    ...(input.link ? [input.link.href, ""] : []),
    ...input.after.flatMap((line) => [line, ""]),
    "Attune",
  ].join("\n");
  const html = layout({
    title: input.subject,
    body: [
      paragraph(escapeHtml(input.greeting)),
      ...input.sentences.map((line) => paragraph(escapeHtml(line))),
      ...(input.link ? [button(input.link.href, input.link.label), linkFallback(input.link.href)] : []),
      ...input.after.map((line) => paragraph(escapeHtml(line), "#475569")),
      paragraph("Attune", "#475569"),
    ],
  });
  return { subject: input.subject, text, html };
}

/** The one-time link to choose a new password; says nothing an interceptor could use beyond the link. */
export function passwordResetEmail(input: { userName: string; link: string; validMinutes: number }): RenderedEmail {
  return accountEmail({
    subject: "Reset your Attune password",
    greeting: `Hello ${oneLine(input.userName)},`,
    sentences: ["Someone — probably you — asked to reset the password of your Attune account. To choose a new password, open this link:"],
    link: { href: input.link, label: "Choose a new password" },
    after: [
      `The link works once, for ${input.validMinutes} minutes. Setting a new password signs your account out on every other device.`,
      "If you did not ask for this, you can ignore this email: your password has not changed.",
    ],
  });
}

/** To the new address: the link that makes it the account's sign-in email. */
export function emailChangeConfirmationEmail(input: { userName: string; link: string; validHours: number }): RenderedEmail {
  return accountEmail({
    subject: "Confirm your new Attune email address",
    greeting: `Hello ${oneLine(input.userName)},`,
    sentences: ["To use this address to sign in to Attune from now on, confirm it here:"],
    link: { href: input.link, label: "Confirm this address" },
    after: [`The link works once, for ${input.validHours} hours. Until it is used, your account keeps its old address.`, "If you did not ask for this, you can ignore this email."],
  });
}

/** To the old address, when a change of address is asked for: the holder learns of it either way. */
export function emailChangeNoticeEmail(input: { userName: string; newEmail: string }): RenderedEmail {
  return accountEmail({
    subject: "Your Attune email address is being changed",
    greeting: `Hello ${oneLine(input.userName)},`,
    sentences: [
      `Someone signed in to your Attune account asked to change its sign-in email to ${oneLine(input.newEmail)}. The change happens only when that address confirms it.`,
    ],
    after: ["If this was not you, change your password now and tell your practice owner."],
  });
}

/** After a password change or reset: the holder learns of it even if they did not make it. */
export function passwordChangedEmail(input: { userName: string }): RenderedEmail {
  return accountEmail({
    subject: "Your Attune password was changed",
    greeting: `Hello ${oneLine(input.userName)},`,
    sentences: ["The password of your Attune account was just changed, and the account was signed out on every other device."],
    after: ["If this was not you, reset your password from the sign-in page at once and tell your practice owner."],
  });
}

/** "Tuesday 9 December 2026", the calendar day in `timeZone` (UTC if the zone is unknown). */
export function formatLongDate(date: Date, timeZone: string): string {
  const parts = partsOf(date, timeZone, { weekday: "long", day: "numeric", month: "long", year: "numeric" });
  return `${parts.weekday} ${parts.day} ${parts.month} ${parts.year}`;
}

/** "14:30" in `timeZone`. */
function formatTime(date: Date, timeZone: string): string {
  const parts = partsOf(date, timeZone, { hour: "2-digit", minute: "2-digit", hourCycle: "h23" });
  return `${parts.hour}:${parts.minute}`;
}

function partsOf(date: Date, timeZone: string, options: Intl.DateTimeFormatOptions): Record<string, string> {
  let format: Intl.DateTimeFormat;
  try {
    format = new Intl.DateTimeFormat("en-GB", { ...options, timeZone });
  } catch {
    // A stored zone the runtime does not know must not stop an email from being written.
    format = new Intl.DateTimeFormat("en-GB", { ...options, timeZone: "UTC" });
  }
  return Object.fromEntries(format.formatToParts(date).map((part) => [part.type, part.value]));
}

/** Names end up in the Subject header and in one-line sentences: no line breaks, no runs of spaces. */
function oneLine(value: string): string {
  return value.replace(/\s+/g, " ").trim();
}

function paragraph(html: string, color = "#0f172a"): string {
  return `<p style="margin:0 0 16px;color:${color};">${html}</p>`;
}

function button(href: string, label: string): string {
  return `<p style="margin:24px 0;"><a href="${escapeHtml(href)}" style="display:inline-block;background:#1f6f68;color:#ffffff;text-decoration:none;font-weight:600;padding:12px 20px;border-radius:6px;">${escapeHtml(label)}</a></p>`;
}

function linkFallback(href: string): string {
  return paragraph(
    `If the button does not work, copy this address into your browser:<br><span style="word-break:break-all;">${escapeHtml(href)}</span>`,
    "#475569",
  );
}

function layout({ title, body }: { title: string; body: string[] }): string {
  return [
    "<!doctype html>",
    '<html lang="en">',
    '<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(title)}</title></head>`,
    '<body style="margin:0;padding:24px 16px;background:#f8fafc;font-family:-apple-system,\'Segoe UI\',Roboto,Helvetica,Arial,sans-serif;font-size:16px;line-height:1.5;">',
    '<div style="max-width:560px;margin:0 auto;background:#ffffff;border:1px solid #e2e8f0;border-radius:8px;padding:24px;">',
    ...body,
    "</div>",
    "</body>",
    "</html>",
  ].join("\n");
}

type ResultsLinkEmailInput = InvitationEmailInput;

/** A client's personal results link (issue 15). Says nothing clinical: no scores, no dimension names. */
export function resultsLinkEmail(input: ResultsLinkEmailInput): RenderedEmail {
  const practice = oneLine(input.practiceName);
  const clinician = oneLine(input.clinicianName);
  const firstName = oneLine(input.clientFirstName);
  const expires = formatLongDate(input.expiresAt, input.timeZone);

  const subject = `${practice}: your results from ${clinician}`;
  const intro = `${clinician} at ${practice} has shared the results of your questionnaires with you, to talk about in your sessions.`;
  const text = [
    `Hello ${firstName},`,
    "",
    intro,
    "",
    "See your results:",
    input.link,
    "",
    `The link is just for you and works until ${expires}. Please do not forward it.`,
    "",
    ...signOffText(practice),
  ].join("\n");

  const html = layout({
    title: subject,
    body: [
      paragraph(`Hello ${escapeHtml(firstName)},`),
      paragraph(escapeHtml(intro)),
      button(input.link, "See your results"),
      linkFallback(input.link),
      paragraph(`The link is just for you and works until <strong>${escapeHtml(expires)}</strong>. Please do not forward it.`),
      ...signOffHtml(practice),
    ],
  });

  return { subject, text, html };
}

/**
 * To the client's clinician and the practice's owners when a client gives a critical answer: a
 * prompt to sign in, nothing clinical — no name, no instrument, no answer (decision record 0022).
 */
export function clinicalAlertEmail(input: { userName: string; link: string }): RenderedEmail {
  return accountEmail({
    subject: "Attune: a client's questionnaire needs your attention today",
    greeting: `Hello ${oneLine(input.userName)},`,
    sentences: [
      "A questionnaire a client just completed includes an answer that needs a clinician's attention today. For confidentiality, this email says nothing more.",
      "Sign in to Attune to see it:",
    ],
    link: { href: input.link, label: "Sign in to Attune" },
    after: ["The alert stays at the top of the client's page, the overview and the caseload until a clinician acknowledges it."],
  });
}
