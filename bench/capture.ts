// Records the statements a piece of the app sends to PostgreSQL, to replay or EXPLAIN them.
import pg from "pg";

export type Captured = { text: string; values: unknown[] };

/** Runs `work` in this process and records every statement it sends to PostgreSQL. */
export async function capture(work: () => Promise<unknown>): Promise<Captured[]> {
  const captured: Captured[] = [];
  const prototype = pg.Client.prototype as unknown as { query: (...args: unknown[]) => unknown };
  const original = prototype.query;
  prototype.query = function (this: unknown, ...args: unknown[]) {
    const [config, values] = args;
    if (typeof config === "string") captured.push({ text: config, values: Array.isArray(values) ? values : [] });
    else if (config && typeof config === "object" && "text" in config) {
      // Drizzle passes the parameters beside the config object, not in it.
      const c = config as { text: string; values?: unknown[] };
      captured.push({ text: c.text, values: c.values ?? (Array.isArray(values) ? values : []) });
    }
    return original.apply(this, args);
  };
  try {
    await work();
  } finally {
    prototype.query = original;
  }
  return captured.filter((q) => !/^(begin|commit|rollback|savepoint|release)/i.test(q.text.trim()));
}

