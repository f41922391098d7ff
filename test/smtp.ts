import type { AddressInfo } from "node:net";
import nodemailer from "nodemailer";
import { SMTPServer } from "smtp-server";

// A real SMTP server on loopback receives what the dispatcher sends. Every wait is bounded: the
// client's SMTP timeouts are 2 s, the server drops idle clients after 5 s and closes within 1 s.

type Received = { to: string[]; raw: string };
export type Smtp = { server: SMTPServer; port: number; received: Received[]; close: () => Promise<void> };

const servers = new Set<Smtp>();

export function startSmtp(port = 0, options: { rejectRecipient?: string } = {}): Promise<Smtp> {
  const received: Received[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    socketTimeout: 60_000,
    closeTimeout: 1_000,
    onRcptTo(address, _session, callback) {
      if (address.address === options.rejectRecipient) {
        callback(Object.assign(new Error("No such mailbox here"), { responseCode: 550 }));
        return;
      }
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        received.push({ to: session.envelope.rcptTo.map((rcpt) => rcpt.address), raw: Buffer.concat(chunks).toString("utf8") });
        callback();
      });
    },
  });
  return new Promise((resolve, reject) => {
    server.on("error", reject);
    server.listen(port, "127.0.0.1", () => {
      const smtp: Smtp = {
        server,
        port: (server.server.address() as AddressInfo).port,
        received,
        close: () =>
          new Promise<void>((done) => {
            servers.delete(smtp);
            server.close(() => done());
          }),
      };
      servers.add(smtp);
      resolve(smtp);
    });
  });
}

/** Closes every server a test file started and left open (for `afterAll`). */
export async function closeAllSmtp(): Promise<void> {
  await Promise.all([...servers].map((smtp) => smtp.close()));
}

export function transportTo(port: number) {
  return nodemailer.createTransport({
    host: "127.0.0.1",
    port,
    secure: false,
    ignoreTLS: true,
    connectionTimeout: 60_000,
    greetingTimeout: 60_000,
    socketTimeout: 60_000,
  });
}

/** A port nothing listens on: an SMTP server that is down. */
export async function closedPort(): Promise<number> {
  const smtp = await startSmtp();
  await smtp.close();
  return smtp.port;
}

/** The decoded text of a received MIME message (quoted-printable soft breaks and escapes undone). */
export function decoded(raw: string): string {
  const unfolded = raw.replace(/=\r?\n/g, "");
  return Buffer.from(
    unfolded.replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))),
    "latin1",
  ).toString("utf8");
}
