CREATE TABLE "audit_chain_heads" (
	"chain_key" text PRIMARY KEY NOT NULL,
	"last_seq" bigint NOT NULL,
	"last_hash" text NOT NULL
);
--> statement-breakpoint
ALTER TABLE "audit_events" ADD COLUMN "chain_seq" bigint;--> statement-breakpoint
ALTER TABLE "audit_events" ADD COLUMN "hash" text;--> statement-breakpoint
CREATE UNIQUE INDEX "audit_events_chain_idx" ON "audit_events" USING btree ("practice_id","chain_seq");--> statement-breakpoint
-- Written by hand (drizzle-kit does not model functions, triggers or backfills; re-apply after a
-- regenerate). Tamper evidence for audit_events (decision 0040): each row's hash chains it to the
-- previous row of its practice ('' for rows of no practice); audit_chain_heads holds each chain's
-- last link. quote_nullable keeps NULL and '' apart; times in UTC so the session's zone never matters.
CREATE FUNCTION "audit_event_hash"(prev text, e "audit_events") RETURNS text LANGUAGE sql STABLE AS $$
  SELECT encode(sha256(convert_to(concat_ws('|', quote_nullable(prev), quote_nullable(e.chain_seq), quote_nullable(e.id),
    quote_nullable(e.practice_id), quote_nullable(e.actor_user_id), quote_nullable(e.action), quote_nullable(e.subject_type),
    quote_nullable(e.subject_id), quote_nullable(e.client_id), quote_nullable(e.details::text),
    quote_nullable(to_char(e.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US'))), 'UTF8')), 'hex')
$$;--> statement-breakpoint
-- Runs as the owner (SECURITY DEFINER): the app's role may only read the heads. The head's row lock
-- serialises a practice's audit inserts until their transaction ends (transaction-scoped: safe
-- through PgBouncer in transaction mode); a rolled-back insert rolls its link back with it.
CREATE FUNCTION "audit_events_chain"() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
DECLARE
  chain text := coalesce(NEW.practice_id::text, '');
  head record;
BEGIN
  INSERT INTO audit_chain_heads (chain_key, last_seq, last_hash) VALUES (chain, 0, '') ON CONFLICT (chain_key) DO NOTHING;
  SELECT last_seq, last_hash INTO head FROM audit_chain_heads WHERE chain_key = chain FOR UPDATE;
  NEW.chain_seq := head.last_seq + 1;
  NEW.hash := audit_event_hash(head.last_hash, NEW);
  UPDATE audit_chain_heads SET last_seq = NEW.chain_seq, last_hash = NEW.hash WHERE chain_key = chain;
  RETURN NEW;
END $$;--> statement-breakpoint
-- Backfill: the rows already written, in id order per practice.
ALTER TABLE "audit_events" DISABLE TRIGGER "audit_events_no_update_or_delete";--> statement-breakpoint
DO $$
DECLARE
  r audit_events;
  chain text := NULL;
  seq bigint := 0;
  prev text := '';
BEGIN
  FOR r IN SELECT * FROM audit_events ORDER BY coalesce(practice_id::text, ''), id LOOP
    IF chain IS DISTINCT FROM coalesce(r.practice_id::text, '') THEN
      IF chain IS NOT NULL THEN INSERT INTO audit_chain_heads VALUES (chain, seq, prev); END IF;
      chain := coalesce(r.practice_id::text, '');
      seq := 0;
      prev := '';
    END IF;
    seq := seq + 1;
    r.chain_seq := seq;
    prev := audit_event_hash(prev, r);
    UPDATE audit_events SET chain_seq = seq, hash = prev WHERE id = r.id;
  END LOOP;
  IF chain IS NOT NULL THEN INSERT INTO audit_chain_heads VALUES (chain, seq, prev); END IF;
END $$;--> statement-breakpoint
ALTER TABLE "audit_events" ENABLE TRIGGER "audit_events_no_update_or_delete";--> statement-breakpoint
CREATE TRIGGER "audit_events_chain" BEFORE INSERT ON "audit_events" FOR EACH ROW EXECUTE FUNCTION "audit_events_chain"();
