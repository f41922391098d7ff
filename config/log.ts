// Not `server-only`: lib/ modules that the plain-Node e2e fixtures run (recording an assessment)
// log through it too. It is still server code: pino writes to the process's stdout.
import pino, { type DestinationStream, type Logger } from "pino";
import { currentRequestId } from "./request-context";

/*
 * The server's one logger: JSON lines on stdout, one object per event, for whatever collects the
 * process's output. No transport: pino's transports run in worker threads that the Next.js server
 * build cannot bundle, and a log shipper belongs outside the app anyway.
 *
 * Attune holds confidential health information, so what must never reach a log is removed here,
 * by configuration, rather than trusted to every call site:
 * - fields named like client details, email addresses, tokens, secrets or passwords are replaced
 *   by "[redacted]" wherever they sit in the logged object (up to three levels deep);
 * - email addresses and credentials in URLs are cut out of messages and of logged errors, whose
 *   text often echoes input (a unique-violation detail, an SMTP rejection naming the recipient).
 * Log ids (clientId, userId, emailId), never the things they point to.
 */

/** Field names whose values never reach a log. */
const SENSITIVE_KEYS = [
  // client and user details
  "name",
  "firstName",
  "lastName",
  "preferredName",
  "displayName",
  "phone",
  "dateOfBirth",
  "notes",
  "answers",
  "draftAnswers",
  // email addresses and email content (bodies carry one-time links)
  "email",
  "to",
  "toAddress",
  "subject",
  "bodyText",
  "bodyHtml",
  // tokens, secrets, passwords and what carries them
  "token",
  "tokenHash",
  "ref",
  "link",
  "secret",
  "password",
  "passwordHash",
  "currentPassword",
  "newPassword",
  "authorization",
  "cookie",
  "connectionString",
  // PostgreSQL's error detail echoes the offending row's values
  "detail",
];

export const REDACTED = "[redacted]";

/** `email`, `*.email`, `*.*.email`, … for every sensitive key. */
export const REDACT_PATHS = SENSITIVE_KEYS.flatMap((key) => [key, `*.${key}`, `*.*.${key}`]);

const EMAIL_ADDRESS = /[^\s<>()[\]"',;:@/]+@[^\s<>()[\]"',;:@/]+\.[^\s<>()[\]"',;:@/]+/g;
const URL_CREDENTIALS = /\b([a-z][a-z0-9+.-]*:\/\/)[^\s/@]*@/gi;

/** Email addresses and URL credentials out of free text. */
export function scrubText(text: string): string {
  return text.replace(URL_CREDENTIALS, `$1${REDACTED}@`).replace(EMAIL_ADDRESS, "[email]");
}

/** An error, or an error's text: pino's serializer, then the same scrub as messages. */
function serializeError(error: unknown) {
  if (typeof error === "string") return scrubText(error);
  const serialized = pino.stdSerializers.err(error as Error) as unknown as Record<string, unknown>;
  if (!serialized || typeof serialized !== "object") return serialized;
  for (const field of ["message", "stack"]) {
    if (typeof serialized[field] === "string") serialized[field] = scrubText(serialized[field] as string);
  }
  return serialized;
}

/** A logger with Attune's configuration; `destination` lets tests read what it writes. */
export function createLogger(destination?: DestinationStream): Logger {
  return pino(
    {
      level: "info",
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: { paths: REDACT_PATHS, censor: REDACTED },
      serializers: { err: serializeError, error: serializeError },
      // The request being served, when there is one (config/request-context.ts).
      mixin() {
        const requestId = currentRequestId();
        return requestId ? { requestId } : {};
      },
      hooks: {
        // The message and any interpolated values: strings are scrubbed, objects are redacted above.
        logMethod(args, method) {
          const scrubbed = args.map((arg) => (typeof arg === "string" ? scrubText(arg) : arg));
          return method.apply(this, scrubbed as Parameters<typeof method>);
        },
      },
    },
    destination ?? pino.destination({ dest: 1, sync: true }),
  );
}

/** The server's logger. `log.child({ module: "email" })` names the part of the app speaking. */
export const log: Logger = createLogger();
