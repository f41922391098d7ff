/** What the grants need from a connection: `pg`'s Client and PoolClient both fit. */
type Connection = { query: (text: string, values?: unknown[]) => Promise<{ rows: unknown[] }> };

/*
 * Least privilege (issue 24, decision 0040). The owner of the tables (the role `npm run db:migrate`
 * connects as) grants the app's own login role exactly what the app needs, on every migrate, so a
 * table added by a later migration is covered too:
 *   - SELECT, INSERT, UPDATE, DELETE on the app's tables, and the sequences behind their ids;
 *   - on `audit_events` only SELECT and INSERT, on its chain heads only SELECT (a trigger owned by
 *     the owner keeps them, the audit_chain migration);
 *   - the job engine's tables (schema pgboss, made by the owner: db/job-schema.ts);
 *   - reading the migrations journal (the app checks at start that nothing is pending).
 * Never ownership, TRUNCATE, TRIGGER or REFERENCES: it cannot ALTER or TRUNCATE a table, disable a
 * trigger, or set `session_replication_role` (superuser only). Revokes first, so a grant made by
 * hand or by an earlier version is taken back.
 */

/** A login role's name as PostgreSQL prints it unquoted: nothing to escape, nothing to inject. */
const ROLE_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

export class AppRoleError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "AppRoleError";
  }
}

/** Statements granting `role` the app's privileges on the current database (the owner runs them). */
export function appRoleGrants(role: string): string[] {
  const r = `"${role}"`;
  return [
    `revoke all on all tables in schema public from ${r}`,
    `revoke all on all sequences in schema public from ${r}`,
    `revoke all on all tables in schema pgboss from ${r}`,
    `revoke all on all sequences in schema pgboss from ${r}`,
    `revoke create on schema public from ${r}`,
    `grant usage on schema public, drizzle, pgboss to ${r}`,
    `grant select, insert, update, delete on all tables in schema public to ${r}`,
    `revoke update, delete on table public.audit_events from ${r}`,
    `revoke insert, update, delete on table public.audit_chain_heads from ${r}`,
    `grant usage, select on all sequences in schema public to ${r}`,
    `grant select, insert, update, delete on all tables in schema pgboss to ${r}`,
    `grant usage, select on all sequences in schema pgboss to ${r}`,
    `grant select on table drizzle."__drizzle_migrations" to ${r}`,
    // A table or sequence the owner makes later (a migration the app itself applies at start
    // through DATABASE_DIRECT_URL, a queue's partition) is the app's too; audit-like tables added
    // later must revoke, as audit_events does above.
    `alter default privileges in schema public grant select, insert, update, delete on tables to ${r}`,
    `alter default privileges in schema public grant usage, select on sequences to ${r}`,
    `alter default privileges in schema pgboss grant select, insert, update, delete on tables to ${r}`,
    `alter default privileges in schema pgboss grant usage, select on sequences to ${r}`,
  ];
}

/**
 * Grants `role` (an existing login role, not the one connected) the app's privileges, in one
 * transaction, after the migrations and the job engine's schema (db/job-schema.ts) are in place. Refuses an unknown role, a superuser, or the owner itself: least privilege
 * that is not would be worse than none, since it would look like some.
 */
export async function grantAppRole(connection: Connection, role: string): Promise<void> {
  if (!ROLE_NAME.test(role)) throw new AppRoleError(`APP_DATABASE_ROLE must be a plain role name (lower case letters, digits, _), not ${JSON.stringify(role)}.`);
  const { rows } = await connection.query(
    "select rolname, rolsuper, rolbypassrls, rolcanlogin, rolname = current_user as is_me from pg_roles where rolname = $1",
    [role],
  );
  const found = rows[0] as { rolsuper: boolean; rolbypassrls: boolean; rolcanlogin: boolean; is_me: boolean } | undefined;
  if (!found) throw new AppRoleError(`APP_DATABASE_ROLE names ${role}, which does not exist: create it first (README "Least privilege").`);
  if (found.is_me) throw new AppRoleError(`APP_DATABASE_ROLE is the role running the migrations (${role}): the app's role must be another one.`);
  if (found.rolsuper || found.rolbypassrls) throw new AppRoleError(`APP_DATABASE_ROLE ${role} is a superuser (or bypasses row security): the app's role must be an ordinary one.`);
  if (!found.rolcanlogin) throw new AppRoleError(`APP_DATABASE_ROLE ${role} cannot log in (create role ${role} login password '…').`);
  const { rows: db } = await connection.query("select current_database() as name");
  const database = (db[0] as { name: string }).name.replaceAll('"', '""');
  await connection.query("begin");
  try {
    for (const statement of appRoleGrants(role)) await connection.query(statement);
    // Connecting to this database: PUBLIC may have lost it on a hardened server.
    await connection.query(`grant connect on database "${database}" to "${role}"`);
    await connection.query("commit");
  } catch (error) {
    await connection.query("rollback").catch(() => undefined);
    throw error;
  }
}
