/**
 * Domain errors. Anything another practice (or another clinician's caseload) owns is NotFound,
 * never "forbidden": its existence is itself confidential.
 */
export class NotFoundError extends Error {
  constructor(what = "Record") {
    super(`${what} not found`);
    this.name = "NotFoundError";
  }
}

/** The actor may see the thing but not do this to it (e.g. a clinician managing the team). */
export class ForbiddenError extends Error {
  constructor(message = "You do not have permission to do that.") {
    super(message);
    this.name = "ForbiddenError";
  }
}

/** A rule of the domain refused the change; the message is safe to show. */
export class DomainError extends Error {
  constructor(
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = "DomainError";
  }
}

export function httpStatusOf(error: unknown): number {
  if (error instanceof NotFoundError) return 404;
  if (error instanceof ForbiddenError) return 403;
  if (error instanceof DomainError) return 422;
  return 500;
}

/** Postgres unique violation, on either driver. */
export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  let current: unknown = error;
  // Drizzle wraps driver errors; the pg error sits on `cause`.
  for (let depth = 0; current && depth < 4; depth++) {
    const e = current as { code?: string; constraint?: string; message?: string; cause?: unknown };
    if (e.code === "23505") return !constraint || e.constraint === constraint || !!e.message?.includes(constraint);
    current = e.cause;
  }
  return false;
}
