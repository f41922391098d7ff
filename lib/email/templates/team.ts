import { signOff } from "./client";
import { button, renderEmail, say, strong, type RenderedEmail } from "./render";
import { formatLongDate, formatTime, oneLine } from "./words";

type SetPasswordEmailInput = {
  practiceName: string;
  ownerName: string;
  userName: string;
  link: string;
  expiresAt: Date;
  timeZone: string;
};

/**
 * One subject for both team-invitation emails (a new account's set-password link, and the notice to
 * an address that already has an account): the owner's outbox list shows subjects, and must not
 * tell the two apart.
 */
function teamInvitationSubject(practice: string): string {
  return `${practice}: your invitation to Attune`;
}

export function setPasswordEmail(input: SetPasswordEmailInput): RenderedEmail {
  const practice = oneLine(input.practiceName);
  const owner = oneLine(input.ownerName);
  const expires = `${formatLongDate(input.expiresAt, input.timeZone)} at ${formatTime(input.expiresAt, input.timeZone)}`;
  return renderEmail({
    subject: teamInvitationSubject(practice),
    blocks: [
      say(`Hello ${oneLine(input.userName)},`),
      say(`${owner} has added you to ${practice} on Attune, the practice's dashboard.`),
      say("To sign in for the first time, choose your password."),
      button("Set your password", input.link),
      say(
        "The link works once and expires on ",
        strong(expires),
        ` (${input.timeZone.replaceAll("_", " ")} time). If it has expired, ask ${owner} to send a new one.`,
      ),
      ...signOff(practice),
    ],
  });
}

/**
 * To an address that already has an Attune account, instead of a set-password link: an address
 * belongs to one practice only. Tells the holder, not the owner who asked, and carries no link.
 */
export function teamInvitationExistingAccountEmail(input: { practiceName: string; ownerName: string; userName: string }): RenderedEmail {
  const practice = oneLine(input.practiceName);
  const owner = oneLine(input.ownerName);
  return renderEmail({
    subject: teamInvitationSubject(practice),
    blocks: [
      say(`Hello ${oneLine(input.userName)},`),
      say(`${owner} at ${practice} tried to add you to their practice on Attune.`),
      say("This email address already has an Attune account, and an address can belong to one practice only, so nothing has changed: your account is as it was."),
      say(`If you would like to join ${practice}, let ${owner} know another email address to use.`),
      ...signOff(practice),
    ],
  });
}
