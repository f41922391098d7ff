import { randomBytes } from "node:crypto";
import pg from "pg";

/**
 * A PostgreSQL database made for one run (tests, e2e, benchmark) on the server `serverUrl`
 * names, and dropped after. Names carry a prefix so nothing else is ever dropped.
 */
export async function createThrowawayDatabase(serverUrl: string, prefix: string): Promise<{ url: string; name: string; drop: () => Promise<void> }> {
  const name = `${prefix}_${randomBytes(4).toString("hex")}`;
  await adminQuery(serverUrl, `create database ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return { url: url.toString(), name, drop: () => dropThrowawayDatabase(serverUrl, name) };
}

/** For a caller that had to choose the name up front (Playwright's workers must know it). */
export async function createNamedDatabase(serverUrl: string, name: string): Promise<void> {
  if (!/^attune_[a-z0-9_]+$/.test(name)) throw new Error(`Refusing to create database ${name}`);
  await adminQuery(serverUrl, `create database ${name}`);
}

export async function dropThrowawayDatabase(serverUrl: string, name: string): Promise<void> {
  if (!/^attune_[a-z0-9_]+$/.test(name)) throw new Error(`Refusing to drop database ${name}`);
  await adminQuery(serverUrl, `drop database if exists ${name} with (force)`);
}

async function adminQuery(serverUrl: string, text: string) {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}
