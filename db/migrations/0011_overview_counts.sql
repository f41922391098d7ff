CREATE TABLE "practice_client_counts" (
	"practice_id" uuid PRIMARY KEY NOT NULL,
	"clients" integer NOT NULL,
	"active_clients" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "practice_monthly_invitations" (
	"practice_id" uuid NOT NULL,
	"month" date NOT NULL,
	"hours_to_complete" integer NOT NULL,
	"invitations" integer NOT NULL,
	CONSTRAINT "practice_monthly_invitations_pk" PRIMARY KEY("practice_id","month","hours_to_complete")
);
--> statement-breakpoint
ALTER TABLE "practice_client_counts" ADD CONSTRAINT "practice_client_counts_practice_id_practices_id_fk" FOREIGN KEY ("practice_id") REFERENCES "public"."practices"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "practice_monthly_invitations" ADD CONSTRAINT "practice_monthly_invitations_practice_id_practices_id_fk" FOREIGN KEY ("practice_id") REFERENCES "public"."practices"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "invitations_open_by_practice_idx" ON "invitations" USING btree ("practice_id","expires_at") WHERE "invitations"."status" in ('pending', 'opened');--> statement-breakpoint
-- Custom SQL (not generated): the triggers that keep the two count tables, and their backfill.
-- Clients, per row (an import inserts a few thousand at most): the old row out, the new row in.
CREATE FUNCTION "count_practice_clients"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' THEN
    UPDATE "practice_client_counts"
    SET "clients" = "clients" - 1, "active_clients" = "active_clients" - (OLD."status" = 'active')::int
    WHERE "practice_id" = OLD."practice_id";
  END IF;
  IF TG_OP <> 'DELETE' THEN
    INSERT INTO "practice_client_counts" AS c ("practice_id", "clients", "active_clients")
    VALUES (NEW."practice_id", 1, (NEW."status" = 'active')::int)
    ON CONFLICT ("practice_id") DO UPDATE SET "clients" = c."clients" + 1, "active_clients" = c."active_clients" + excluded."active_clients";
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER "clients_counted" AFTER INSERT OR DELETE OR UPDATE OF "status", "practice_id" ON "clients"
  FOR EACH ROW EXECUTE FUNCTION "count_practice_clients"();
--> statement-breakpoint
INSERT INTO "practice_client_counts" ("practice_id", "clients", "active_clients")
SELECT "practice_id", count(*)::int, (count(*) FILTER (WHERE "status" = 'active'))::int FROM "clients" GROUP BY "practice_id";
--> statement-breakpoint
-- An invitation's place in practice_monthly_invitations: the local month it was created in, and
-- the whole hours it took when completed (-1 otherwise).
CREATE FUNCTION "invitation_month"("practice" uuid, "created" timestamptz) RETURNS date LANGUAGE sql STABLE AS $$
  SELECT date_trunc('month', "created" AT TIME ZONE p."time_zone")::date FROM "practices" p WHERE p."id" = "practice"
$$;
--> statement-breakpoint
CREATE FUNCTION "invitation_hours_to_complete"("status" "invitation_status", "created" timestamptz, "completed" timestamptz) RETURNS integer LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE WHEN "status" = 'completed' AND "completed" IS NOT NULL
    THEN greatest(0, floor(extract(epoch FROM "completed" - "created") / 3600))::int ELSE -1 END
$$;
--> statement-breakpoint
-- Inserts are counted per statement (the bench and a plan run insert many at once); a change of
-- status (completed, revoked), of the times or a deletion, per row: the old row out, the new in.
CREATE FUNCTION "tally_practice_invitations"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_LEVEL = 'STATEMENT' THEN
    INSERT INTO "practice_monthly_invitations" AS m ("practice_id", "month", "hours_to_complete", "invitations")
    SELECT n."practice_id", date_trunc('month', n."created_at" AT TIME ZONE p."time_zone")::date,
      "invitation_hours_to_complete"(n."status", n."created_at", n."completed_at"), count(*)::int
    FROM new_rows n JOIN "practices" p ON p."id" = n."practice_id"
    WHERE n."status" <> 'revoked'
    GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
    ON CONFLICT ("practice_id", "month", "hours_to_complete") DO UPDATE SET "invitations" = m."invitations" + excluded."invitations";
    RETURN NULL;
  END IF;
  IF OLD."status" <> 'revoked' THEN
    UPDATE "practice_monthly_invitations"
    SET "invitations" = "invitations" - 1
    WHERE "practice_id" = OLD."practice_id" AND "month" = "invitation_month"(OLD."practice_id", OLD."created_at")
      AND "hours_to_complete" = "invitation_hours_to_complete"(OLD."status", OLD."created_at", OLD."completed_at");
  END IF;
  IF TG_OP = 'UPDATE' AND NEW."status" <> 'revoked' THEN
    INSERT INTO "practice_monthly_invitations" AS m ("practice_id", "month", "hours_to_complete", "invitations")
    VALUES (NEW."practice_id", "invitation_month"(NEW."practice_id", NEW."created_at"),
      "invitation_hours_to_complete"(NEW."status", NEW."created_at", NEW."completed_at"), 1)
    ON CONFLICT ("practice_id", "month", "hours_to_complete") DO UPDATE SET "invitations" = m."invitations" + 1;
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER "invitations_tallied_on_insert" AFTER INSERT ON "invitations"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "tally_practice_invitations"();
--> statement-breakpoint
CREATE TRIGGER "invitations_tallied_on_change" AFTER UPDATE OF "status", "created_at", "completed_at", "practice_id" ON "invitations"
  FOR EACH ROW EXECUTE FUNCTION "tally_practice_invitations"();
--> statement-breakpoint
CREATE TRIGGER "invitations_tallied_on_delete" AFTER DELETE ON "invitations"
  FOR EACH ROW EXECUTE FUNCTION "tally_practice_invitations"();
--> statement-breakpoint
INSERT INTO "practice_monthly_invitations" ("practice_id", "month", "hours_to_complete", "invitations")
SELECT i."practice_id", "invitation_month"(i."practice_id", i."created_at"), "invitation_hours_to_complete"(i."status", i."created_at", i."completed_at"), count(*)::int
FROM "invitations" i WHERE i."status" <> 'revoked'
GROUP BY 1, 2, 3;
