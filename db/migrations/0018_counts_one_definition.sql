-- ===== Custom SQL (drizzle-kit generates none of this; re-apply as is if the migration is renumbered) =====
-- Decision 0038: one definition of each trigger-kept count. How a set of rows counts is one SQL
-- function per table family — `sign` 1 adds the rows, -1 takes them out — called by the triggers
-- (the inserted statement's rows; a changed or deleted row's old and new versions) and by the
-- practice rebuild (lib/overview/aggregates.ts: the practice's rows, added to emptied counts).
-- Taking out only updates existing rows (a practice being deleted has none to insert into).

-- A practice's local month of an instant (the tally's month).
CREATE FUNCTION "invitation_local_month"("created" timestamptz, "time_zone" text) RETURNS date LANGUAGE sql STABLE AS $$
  SELECT date_trunc('month', "created" AT TIME ZONE "time_zone")::date
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION "invitation_month"("practice" uuid, "created" timestamptz) RETURNS date LANGUAGE sql STABLE AS $$
  SELECT "invitation_local_month"("created", p."time_zone") FROM "practices" p WHERE p."id" = "practice"
$$;
--> statement-breakpoint
-- Clients: practice_client_counts (all clients, active ones).
CREATE FUNCTION "add_to_client_counts"("sign" integer, "changed" "clients"[]) RETURNS void LANGUAGE sql AS $$
  UPDATE "practice_client_counts" c
  SET "clients" = c."clients" + d."clients", "active_clients" = c."active_clients" + d."active_clients"
  FROM (
    SELECT r."practice_id", "sign" * count(*)::int AS "clients", "sign" * (count(*) FILTER (WHERE r."status" = 'active'))::int AS "active_clients"
    FROM unnest("changed") r GROUP BY r."practice_id"
  ) d
  WHERE "sign" < 0 AND c."practice_id" = d."practice_id";
  INSERT INTO "practice_client_counts" AS c ("practice_id", "clients", "active_clients")
  SELECT r."practice_id", count(*)::int, (count(*) FILTER (WHERE r."status" = 'active'))::int
  FROM unnest("changed") r
  WHERE "sign" > 0
  GROUP BY r."practice_id" ORDER BY r."practice_id"
  ON CONFLICT ("practice_id") DO UPDATE SET "clients" = c."clients" + excluded."clients", "active_clients" = c."active_clients" + excluded."active_clients";
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION "count_practice_clients"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' THEN PERFORM "add_to_client_counts"(-1, ARRAY[OLD]); END IF;
  IF TG_OP <> 'DELETE' THEN PERFORM "add_to_client_counts"(1, ARRAY[NEW]); END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
-- Invitations: practice_invitation_counts (every invitation) and practice_monthly_invitations (by
-- local month of creation and whole hours to complete; revoked ones left out).
CREATE FUNCTION "add_to_invitation_tally"("sign" integer, "changed" "invitations"[]) RETURNS void LANGUAGE sql AS $$
  UPDATE "practice_invitation_counts" c SET "invitations" = c."invitations" + d."invitations"
  FROM (SELECT r."practice_id", "sign" * count(*)::int AS "invitations" FROM unnest("changed") r GROUP BY r."practice_id") d
  WHERE "sign" < 0 AND c."practice_id" = d."practice_id";
  INSERT INTO "practice_invitation_counts" AS c ("practice_id", "invitations")
  SELECT r."practice_id", count(*)::int FROM unnest("changed") r
  WHERE "sign" > 0
  GROUP BY r."practice_id" ORDER BY r."practice_id"
  ON CONFLICT ("practice_id") DO UPDATE SET "invitations" = c."invitations" + excluded."invitations";
  UPDATE "practice_monthly_invitations" m SET "invitations" = m."invitations" + d."invitations"
  FROM (
    SELECT r."practice_id", "invitation_local_month"(r."created_at", p."time_zone") AS "month",
      "invitation_hours_to_complete"(r."status", r."created_at", r."completed_at") AS "hours", "sign" * count(*)::int AS "invitations"
    FROM unnest("changed") r JOIN "practices" p ON p."id" = r."practice_id"
    WHERE r."status" <> 'revoked'
    GROUP BY 1, 2, 3
  ) d
  WHERE "sign" < 0 AND m."practice_id" = d."practice_id" AND m."month" = d."month" AND m."hours_to_complete" = d."hours";
  INSERT INTO "practice_monthly_invitations" AS m ("practice_id", "month", "hours_to_complete", "invitations")
  SELECT r."practice_id", "invitation_local_month"(r."created_at", p."time_zone"),
    "invitation_hours_to_complete"(r."status", r."created_at", r."completed_at"), count(*)::int
  FROM unnest("changed") r JOIN "practices" p ON p."id" = r."practice_id"
  WHERE "sign" > 0 AND r."status" <> 'revoked'
  GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
  ON CONFLICT ("practice_id", "month", "hours_to_complete") DO UPDATE SET "invitations" = m."invitations" + excluded."invitations";
$$;
--> statement-breakpoint
-- Inserts per statement (the bench and a plan run insert many at once); a change of status,
-- times or practice, or a deletion, per row: the old row out, the new one in.
CREATE OR REPLACE FUNCTION "tally_practice_invitations"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_LEVEL = 'STATEMENT' THEN
    PERFORM "add_to_invitation_tally"(1, ARRAY(SELECT n::"invitations" FROM new_rows n));
    RETURN NULL;
  END IF;
  PERFORM "add_to_invitation_tally"(-1, ARRAY[OLD]);
  IF TG_OP = 'UPDATE' THEN PERFORM "add_to_invitation_tally"(1, ARRAY[NEW]); END IF;
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
