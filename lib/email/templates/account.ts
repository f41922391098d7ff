import { aside, button, renderEmail, say, type RenderedEmail } from "./render";
import { oneLine } from "./words";

/*
 * Emails about a person's own account (and sign-up, before any practice exists): signed "Attune".
 * Each says what happened and what to do if it was not you, and carries at most one link.
 */

/**
 * An account email with an optional link: a password reset, an address confirmation, a notice that
 * something changed. Without `userName` it greets no one by name: mail to an address nobody has
 * confirmed yet carries nothing a visitor typed (issue 24, probe 7).
 */
function accountEmail(input: { subject: string; userName?: string; sentences: string[]; link?: { href: string; label: string }; after: string[] }): RenderedEmail {
  return renderEmail({
    subject: input.subject,
    blocks: [
      say(input.userName === undefined ? "Hello," : `Hello ${oneLine(input.userName)},`),
      ...input.sentences.map((sentence) => say(sentence)),
      ...(input.link ? [button(input.link.label, input.link.href)] : []),
      ...input.after.map((sentence) => aside(sentence)),
      aside("Attune"),
    ],
  });
}

/**
 * Confirms the address before a practice exists: the link lets its holder choose a password and
 * create it. It carries nothing the visitor typed — no name, no practice name (issue 24, probe 7):
 * whoever fills in the form with a stranger's address cannot put words in our mail to them.
 */
export function signUpConfirmationEmail(input: { link: string; validHours: number }): RenderedEmail {
  return accountEmail({
    subject: "Finish creating your practice on Attune",
    sentences: ["Someone asked to create an Attune practice with this address. To finish, choose your password."],
    link: { href: input.link, label: "Choose your password" },
    after: [
      `The link works for ${input.validHours} hours. Until it is used, nothing is created; the next page shows the names that were typed.`,
      "If you did not ask to create a practice on Attune, you can ignore this email.",
    ],
  });
}

/**
 * To an address that already has an account, when someone signs up with it. Repeats nothing the
 * person signing up typed (it may not be the holder), and carries no credential: only where to sign
 * in — once in each part, with no address under the button.
 */
export function signUpExistingAccountEmail(input: { signInLink: string }): RenderedEmail {
  return renderEmail({
    subject: "Your Attune account",
    blocks: [
      say("Hello,"),
      say("Someone — perhaps you — tried to create a new practice on Attune with this email address."),
      say("The address already has an Attune account, so nothing was created and nothing has changed."),
      say("If it was you, sign in."),
      button("Sign in", input.signInLink, { fallback: false }),
      aside("If you cannot sign in, ask the owner of your practice to send you a new set-password link."),
      aside("If it was not you, you can ignore this email."),
      aside("Attune"),
    ],
  });
}

/** The one-time link to choose a new password; says nothing an interceptor could use beyond the link. */
export function passwordResetEmail(input: { userName: string; link: string; validMinutes: number }): RenderedEmail {
  return accountEmail({
    subject: "Reset your Attune password",
    userName: input.userName,
    sentences: ["Someone — probably you — asked to reset the password of your Attune account. To choose a new password, open this link."],
    link: { href: input.link, label: "Choose a new password" },
    after: [
      `The link works once, for ${input.validMinutes} minutes. Setting a new password signs your account out on every other device.`,
      "If you did not ask for this, you can ignore this email: your password has not changed.",
    ],
  });
}

/** To the new address: the link that makes it the account's sign-in email. */
export function emailChangeConfirmationEmail(input: { link: string; validHours: number }): RenderedEmail {
  return accountEmail({
    subject: "Confirm your new Attune email address",
    // Nothing typed by the asker (issue 24, probe 7): the address may belong to a stranger.
    sentences: ["Someone asked to use this address to sign in to an Attune account. To make it theirs from now on, confirm it."],
    link: { href: input.link, label: "Confirm this address" },
    after: [`The link works once, for ${input.validHours} hours. Until it is used, your account keeps its old address.`, "If you did not ask for this, you can ignore this email."],
  });
}

/** To the old address, when a change of address is asked for: the holder learns of it either way. */
export function emailChangeNoticeEmail(input: { userName: string; newEmail: string; cancelLink: string }): RenderedEmail {
  return accountEmail({
    subject: "Your Attune email address is being changed",
    userName: input.userName,
    sentences: [
      `Someone signed in to your Attune account asked to change its sign-in email to ${oneLine(input.newEmail)}. The change happens only when that address confirms it.`,
      "If this was not you, cancel it here: the change is stopped and your account is signed out on every device.",
    ],
    link: { href: input.cancelLink, label: "This wasn't me — cancel the change" },
    after: ["Then reset your password from the sign-in page and tell your practice owner."],
  });
}

/** After a password change or reset: the holder learns of it even if they did not make it. */
export function passwordChangedEmail(input: { userName: string }): RenderedEmail {
  return accountEmail({
    subject: "Your Attune password was changed",
    userName: input.userName,
    sentences: ["The password of your Attune account was just changed, and the account was signed out on every other device."],
    after: ["If this was not you, reset your password from the sign-in page at once and tell your practice owner."],
  });
}

/**
 * To the client's clinician and the practice's owners when a client gives a critical answer: a
 * prompt to sign in, nothing clinical — no name, no instrument, no answer (decision record 0022).
 */
export function clinicalAlertEmail(input: { userName: string; link: string }): RenderedEmail {
  return accountEmail({
    subject: "Attune: a client's questionnaire needs your attention today",
    userName: input.userName,
    sentences: [
      "A questionnaire a client just completed includes an answer that needs a clinician's attention today. For confidentiality, this email says nothing more.",
      "Sign in to Attune to see it.",
    ],
    link: { href: input.link, label: "Sign in to Attune" },
    after: ["The alert stays at the top of the client's page, the overview and the caseload until a clinician acknowledges it."],
  });
}
