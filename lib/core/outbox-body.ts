import { seal, unseal } from "./seal";

/**
 * An outbox email's bodies, sealed at rest. They carry one-time links (assessment, set-password,
 * sign-up), and no credential may sit readable in a table — not even while SMTP is down or unset
 * and the email waits. The dispatcher opens them just before sending and erases them afterwards.
 */
export type EmailBody = { text: string; html: string | null };

export function sealEmailBody(body: EmailBody): string {
  return seal("email-outbox", JSON.stringify({ text: body.text, html: body.html }));
}

/** The bodies, or null when the value was not sealed under AUTH_SECRET or an earlier one still configured. */
export function openEmailBody(sealed: string | null, secret?: string | readonly string[]): EmailBody | null {
  if (!sealed) return null;
  const json = unseal("email-outbox", sealed, { secret });
  if (json === null) return null;
  const body = JSON.parse(json) as { text?: unknown; html?: unknown };
  return typeof body.text === "string" ? { text: body.text, html: typeof body.html === "string" ? body.html : null } : null;
}
