import pg from "pg"; import { generateToken } from "../lib/tokens";
const c = new pg.Client({ connectionString: process.env.DATABASE_URL }); await c.connect();
const { rows: [cl] } = await c.query("select id, practice_id, clinician_id from clients where status='active' limit 1");
const { token, tokenHash } = generateToken();
await c.query("insert into invitations (practice_id, client_id, created_by, instrument_key, instrument_version, token_hash, expires_at) values ($1,$2,$3,$4,1,$5, now() + interval '10 days')", [cl.practice_id, cl.id, cl.clinician_id, "closeness", tokenHash]);
console.log(token); await c.end();
export {};
