import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { createLogger, REDACTED } from "./log";
import { enterRequest } from "./request-context";

/** A logger whose lines land in an array, parsed. */
function capture() {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(JSON.parse(String(chunk)));
      done();
    },
  });
  return { log: createLogger(stream), lines };
}

describe("the server logger", () => {
  it("redacts emails, tokens, passwords and client details by field name, at any depth it is given", () => {
    const { log, lines } = capture();
    log.error(
      {
        clientId: "0b1c6a4e-7f0e-4d51-9a55-2f1d0d8f3c11",
        email: "alex@example.test",
        token: "tJ3p0Jr9mJ2YxQpVQ0sZk2hY8kQ5bq3YfJt3d1lW7aA",
        password: "correct horse battery staple",
        client: { firstName: "Alex", lastName: "Rivera", email: "alex@example.test", dateOfBirth: "1990-02-03" },
        request: { headers: { cookie: "authjs.session-token=abc", authorization: "Bearer xyz" } },
      },
      "export failed",
    );
    const [line] = lines;
    expect(line).toMatchObject({
      level: 50,
      msg: "export failed",
      clientId: "0b1c6a4e-7f0e-4d51-9a55-2f1d0d8f3c11",
      email: REDACTED,
      token: REDACTED,
      password: REDACTED,
      client: { firstName: REDACTED, lastName: REDACTED, email: REDACTED, dateOfBirth: REDACTED },
      request: { headers: { cookie: REDACTED, authorization: REDACTED } },
    });
    const text = JSON.stringify(line);
    for (const secret of ["alex@example.test", "tJ3p0Jr9", "horse", "Rivera", "1990-02-03", "abc", "xyz"]) {
      expect(text).not.toContain(secret);
    }
  });

  it("cuts email addresses and URL credentials out of messages and logged errors", () => {
    const { log, lines } = capture();
    const error = Object.assign(new Error("550 <sam@example.test>: recipient rejected by smtp://mailer:s3cret@mail.example"), {
      detail: "Key (email)=(sam@example.test) already exists.",
    });
    log.error({ err: error, emailId: "e-1" }, "delivery to %s failed", "sam@example.test");
    log.error({ error: "550 5.1.1 <sam@example.test>: user unknown" }, "delivery failed");
    const [line, second] = lines;
    const text = JSON.stringify(lines);
    expect(text).not.toContain("sam@example.test");
    expect(text).not.toContain("s3cret");
    expect(line).toMatchObject({ msg: "delivery to [email] failed", emailId: "e-1", err: { type: "Error", detail: REDACTED } });
    expect((line!.err as { message: string }).message).toBe("550 <[email]>: recipient rejected by smtp://[redacted]@mail.example");
    expect(second).toMatchObject({ error: "550 5.1.1 <[email]>: user unknown" });
  });

  it("tags each line with the id of the request being served, and lines outside a request with none", async () => {
    const { log, lines } = capture();
    log.info("outside");
    await new Promise<void>((resolve) =>
      setImmediate(() => {
        enterRequest("0123456789abcdef0123456789abcdef");
        // Later work started while serving it keeps the id.
        setTimeout(() => {
          log.info("inside");
          resolve();
        }, 1);
      }),
    );
    expect(lines[0]).not.toHaveProperty("requestId");
    expect(lines[1]).toMatchObject({ msg: "inside", requestId: "0123456789abcdef0123456789abcdef" });
  });
});
