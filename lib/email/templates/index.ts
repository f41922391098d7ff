/**
 * The words of the emails Attune sends, each written once (./render.ts renders it to text and to
 * HTML). Pure functions (no server-only) so they are unit-tested and the seed can use them.
 *
 * An email leaves the practice's control the moment it is sent: it says who is writing and how to
 * act on it, and nothing clinical — no instrument name, item text, scores or diagnosis words.
 * Every value is escaped in the HTML part, and folded onto one line where it lands in a header
 * (the subject).
 */
export {
  clinicalAlertEmail,
  emailChangeConfirmationEmail,
  emailChangeNoticeEmail,
  passwordChangedEmail,
  passwordResetEmail,
  signUpConfirmationEmail,
  signUpExistingAccountEmail,
} from "./account";
export { invitationEmail, reminderEmail, resultsLinkEmail } from "./client";
export type { RenderedEmail } from "./render";
export { setPasswordEmail, teamInvitationExistingAccountEmail } from "./team";
export { formatLongDate } from "./words";
