-- ===== Custom SQL (drizzle-kit generates none of this; re-apply as is if the migration is renumbered) =====
-- Decision 0038: one definition of each trigger-kept count. How rows count is one SQL function per
-- table family — move_*(rows taken out, rows put in), netted per count row — called by the
-- triggers (the inserted statement's rows; a changed or deleted row's old and new versions) and by
-- the practice rebuild (lib/overview/aggregates.ts: the practice's rows put into emptied counts).
-- A net decrease only updates existing rows (a practice being deleted has none to insert into).

-- A practice's local month of an instant (the tally's month).
CREATE FUNCTION "invitation_local_month"("created" timestamptz, "time_zone" text) RETURNS date LANGUAGE sql STABLE AS $$
  SELECT date_trunc('month', "created" AT TIME ZONE "time_zone")::date
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION "invitation_month"("practice" uuid, "created" timestamptz) RETURNS date LANGUAGE sql STABLE AS $$
  SELECT "invitation_local_month"("created", p."time_zone") FROM "practices" p WHERE p."id" = "practice"
$$;
--> statement-breakpoint
-- Clients: practice_client_counts (all clients, active ones). What rows taken out and rows put in
-- change, per practice, netted: a change that moves nothing (a rename) touches no count row.
CREATE FUNCTION "client_count_deltas"("removed" "clients"[], "added" "clients"[])
RETURNS TABLE ("practice_id" uuid, "clients" integer, "active_clients" integer) LANGUAGE sql STABLE AS $$
  SELECT r."practice_id", sum(r."sign")::int, sum(r."sign" * (r."status" = 'active')::int)::int
  FROM (
    SELECT -1 AS "sign", o."practice_id", o."status" FROM unnest("removed") o
    UNION ALL SELECT 1, n."practice_id", n."status" FROM unnest("added") n
  ) r
  GROUP BY r."practice_id"
  HAVING sum(r."sign") <> 0 OR sum(r."sign" * (r."status" = 'active')::int) <> 0
$$;
--> statement-breakpoint
CREATE FUNCTION "move_client_counts"("removed" "clients"[], "added" "clients"[]) RETURNS void LANGUAGE sql AS $$
  UPDATE "practice_client_counts" c
  SET "clients" = c."clients" + d."clients", "active_clients" = c."active_clients" + d."active_clients"
  FROM "client_count_deltas"("removed", "added") d
  WHERE d."clients" < 0 AND c."practice_id" = d."practice_id";
  INSERT INTO "practice_client_counts" AS c ("practice_id", "clients", "active_clients")
  SELECT d."practice_id", d."clients", d."active_clients" FROM "client_count_deltas"("removed", "added") d
  WHERE d."clients" >= 0
  ORDER BY d."practice_id"
  ON CONFLICT ("practice_id") DO UPDATE SET "clients" = c."clients" + excluded."clients", "active_clients" = c."active_clients" + excluded."active_clients";
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION "count_practice_clients"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN PERFORM "move_client_counts"('{}', ARRAY[NEW]);
  ELSIF TG_OP = 'DELETE' THEN PERFORM "move_client_counts"(ARRAY[OLD], '{}');
  ELSE PERFORM "move_client_counts"(ARRAY[OLD], ARRAY[NEW]);
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
-- Invitations: practice_invitation_counts (every invitation) and practice_monthly_invitations (by
-- local month of creation and whole hours to complete; revoked ones left out), netted the same way:
-- an invitation opened moves no bucket and touches no row.
CREATE FUNCTION "invitation_count_deltas"("removed" "invitations"[], "added" "invitations"[])
RETURNS TABLE ("practice_id" uuid, "invitations" integer) LANGUAGE sql STABLE AS $$
  SELECT r."practice_id", sum(r."sign")::int
  FROM (SELECT -1 AS "sign", o."practice_id" FROM unnest("removed") o UNION ALL SELECT 1, n."practice_id" FROM unnest("added") n) r
  GROUP BY r."practice_id"
  HAVING sum(r."sign") <> 0
$$;
--> statement-breakpoint
CREATE FUNCTION "invitation_tally_deltas"("removed" "invitations"[], "added" "invitations"[])
RETURNS TABLE ("practice_id" uuid, "month" date, "hours_to_complete" integer, "invitations" integer) LANGUAGE sql STABLE AS $$
  SELECT r."practice_id", "invitation_local_month"(r."created_at", p."time_zone"),
    "invitation_hours_to_complete"(r."status", r."created_at", r."completed_at"), sum(r."sign")::int
  FROM (
    SELECT -1 AS "sign", o."practice_id", o."status", o."created_at", o."completed_at" FROM unnest("removed") o
    UNION ALL SELECT 1, n."practice_id", n."status", n."created_at", n."completed_at" FROM unnest("added") n
  ) r JOIN "practices" p ON p."id" = r."practice_id"
  WHERE r."status" <> 'revoked'
  GROUP BY 1, 2, 3
  HAVING sum(r."sign") <> 0
$$;
--> statement-breakpoint
CREATE FUNCTION "move_invitation_tally"("removed" "invitations"[], "added" "invitations"[]) RETURNS void LANGUAGE sql AS $$
  UPDATE "practice_invitation_counts" c SET "invitations" = c."invitations" + d."invitations"
  FROM "invitation_count_deltas"("removed", "added") d
  WHERE d."invitations" < 0 AND c."practice_id" = d."practice_id";
  INSERT INTO "practice_invitation_counts" AS c ("practice_id", "invitations")
  SELECT d."practice_id", d."invitations" FROM "invitation_count_deltas"("removed", "added") d
  WHERE d."invitations" > 0
  ORDER BY d."practice_id"
  ON CONFLICT ("practice_id") DO UPDATE SET "invitations" = c."invitations" + excluded."invitations";
  UPDATE "practice_monthly_invitations" m SET "invitations" = m."invitations" + d."invitations"
  FROM "invitation_tally_deltas"("removed", "added") d
  WHERE d."invitations" < 0 AND m."practice_id" = d."practice_id" AND m."month" = d."month" AND m."hours_to_complete" = d."hours_to_complete";
  INSERT INTO "practice_monthly_invitations" AS m ("practice_id", "month", "hours_to_complete", "invitations")
  SELECT d."practice_id", d."month", d."hours_to_complete", d."invitations" FROM "invitation_tally_deltas"("removed", "added") d
  WHERE d."invitations" > 0
  ORDER BY 1, 2, 3
  ON CONFLICT ("practice_id", "month", "hours_to_complete") DO UPDATE SET "invitations" = m."invitations" + excluded."invitations";
$$;
--> statement-breakpoint
-- Inserts per statement (the bench and a plan run insert many at once); a change of status,
-- times or practice, or a deletion, per row: the old row out, the new one in.
CREATE OR REPLACE FUNCTION "tally_practice_invitations"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_LEVEL = 'STATEMENT' THEN
    PERFORM "move_invitation_tally"('{}', ARRAY(SELECT n::"invitations" FROM new_rows n));
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM "move_invitation_tally"(ARRAY[OLD], '{}');
  ELSE
    PERFORM "move_invitation_tally"(ARRAY[OLD], ARRAY[NEW]);
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
-- practice_invitation_counts is now kept by the function above: migration 0009's own triggers go.
DROP TRIGGER "invitations_counted_on_insert" ON "invitations";
--> statement-breakpoint
DROP TRIGGER "invitations_counted_on_delete" ON "invitations";
--> statement-breakpoint
DROP FUNCTION "count_practice_invitations"();
