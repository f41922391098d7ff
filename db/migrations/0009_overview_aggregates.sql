CREATE TABLE "client_deteriorations" (
	"client_id" uuid PRIMARY KEY NOT NULL,
	"practice_id" uuid NOT NULL,
	"latest_at" timestamp with time zone NOT NULL,
	"previous_at" timestamp with time zone NOT NULL,
	"first_at" timestamp with time zone NOT NULL,
	"assessment_count" integer NOT NULL,
	"sudden" boolean NOT NULL,
	"dimensions" jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "practice_daily_assessments" (
	"practice_id" uuid NOT NULL,
	"day" date NOT NULL,
	"assessments" integer NOT NULL,
	"closeness_assessments" integer NOT NULL,
	CONSTRAINT "practice_daily_assessments_pk" PRIMARY KEY("practice_id","day")
);
--> statement-breakpoint
CREATE TABLE "practice_daily_scores" (
	"practice_id" uuid NOT NULL,
	"day" date NOT NULL,
	"dimension" text NOT NULL,
	"scores" integer NOT NULL,
	"score_sum" numeric NOT NULL,
	CONSTRAINT "practice_daily_scores_pk" PRIMARY KEY("practice_id","day","dimension")
);
--> statement-breakpoint
CREATE TABLE "practice_invitation_counts" (
	"practice_id" uuid PRIMARY KEY NOT NULL,
	"invitations" integer NOT NULL
);
--> statement-breakpoint
ALTER TABLE "client_deteriorations" ADD CONSTRAINT "client_deteriorations_client_id_clients_id_fk" FOREIGN KEY ("client_id") REFERENCES "public"."clients"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "client_deteriorations" ADD CONSTRAINT "client_deteriorations_practice_id_practices_id_fk" FOREIGN KEY ("practice_id") REFERENCES "public"."practices"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "practice_daily_assessments" ADD CONSTRAINT "practice_daily_assessments_practice_id_practices_id_fk" FOREIGN KEY ("practice_id") REFERENCES "public"."practices"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "practice_daily_scores" ADD CONSTRAINT "practice_daily_scores_practice_id_practices_id_fk" FOREIGN KEY ("practice_id") REFERENCES "public"."practices"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "practice_invitation_counts" ADD CONSTRAINT "practice_invitation_counts_practice_id_practices_id_fk" FOREIGN KEY ("practice_id") REFERENCES "public"."practices"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "client_deteriorations_listing_idx" ON "client_deteriorations" USING btree ("practice_id","sudden","latest_at");--> statement-breakpoint
-- custom SQL (keep at merge)
-- Backfill of the overview's aggregates from the history (lib/overview-aggregates.ts keeps them
-- from now on, in the submission's transaction; `rebuildPracticeAggregates` is the same per practice).
-- Days are local to each practice's time zone.
INSERT INTO "practice_daily_assessments" ("practice_id", "day", "assessments", "closeness_assessments")
SELECT a."practice_id", (a."completed_at" AT TIME ZONE p."time_zone")::date, count(*)::int,
  count(*) FILTER (WHERE EXISTS (
    SELECT 1 FROM "assessment_scores" s WHERE s."assessment_id" = a."id"
      AND s."dimension" IN ('knowledge','interdependence','care','trust','responsiveness','mutuality','commitment')
  ))::int
FROM "assessments" a JOIN "practices" p ON p."id" = a."practice_id"
GROUP BY 1, 2;
--> statement-breakpoint
INSERT INTO "practice_daily_scores" ("practice_id", "day", "dimension", "scores", "score_sum")
SELECT s."practice_id", (s."completed_at" AT TIME ZONE p."time_zone")::date, s."dimension", count(*)::int, sum(s."score")
FROM "assessment_scores" s JOIN "practices" p ON p."id" = s."practice_id"
GROUP BY 1, 2, 3;
--> statement-breakpoint
-- Each client's latest closeness assessment against the previous one and the first; the minimum
-- reliable change (22.313031170148086 on every dimension) is closeness v1's, as
-- lib/overview-aggregates.ts `minimumChanges()` computes it.
WITH thresholds ("dimension", "minimum_change", "position") AS (
  VALUES ('knowledge', 22.313031170148086::numeric, 0), ('interdependence', 22.313031170148086::numeric, 1),
    ('care', 22.313031170148086::numeric, 2), ('trust', 22.313031170148086::numeric, 3),
    ('responsiveness', 22.313031170148086::numeric, 4), ('mutuality', 22.313031170148086::numeric, 5),
    ('commitment', 22.313031170148086::numeric, 6)
), ordered AS (
  SELECT a."client_id", a."id", a."completed_at",
    lag(a."id") OVER w AS "previous_id", lag(a."completed_at") OVER w AS "previous_at",
    first_value(a."id") OVER w AS "first_id", first_value(a."completed_at") OVER w AS "first_at",
    lead(a."id") OVER w IS NULL AS "is_latest",
    count(*) OVER (PARTITION BY a."client_id") AS "assessment_count"
  FROM "assessments" a
  WHERE a."instrument_key" = 'closeness' AND a."instrument_version" = 1
  WINDOW w AS (PARTITION BY a."client_id" ORDER BY a."completed_at", a."id")
), picked ("client_id", "role", "assessment_id") AS (
  SELECT o."client_id", k."role", k."assessment_id"
  FROM ordered o CROSS JOIN LATERAL (VALUES ('latest', o."id"), ('previous', o."previous_id"), ('first', o."first_id")) AS k ("role", "assessment_id")
  WHERE o."is_latest" AND o."previous_id" IS NOT NULL
), compared AS (
  SELECT p."client_id", s."dimension",
    max(s."score") FILTER (WHERE p."role" = 'latest') AS "score",
    max(s."score") FILTER (WHERE p."role" = 'previous') AS "previous_score",
    max(s."score") FILTER (WHERE p."role" = 'first') AS "first_score"
  FROM picked p JOIN "assessment_scores" s ON s."assessment_id" = p."assessment_id"
  GROUP BY p."client_id", s."dimension"
), changes AS (
  SELECT o."client_id", o."completed_at", o."previous_at", o."first_at", o."assessment_count", t."dimension", t."position",
    c."score", c."previous_score", c."first_score",
    c."score" - c."previous_score" AS "change_since_previous", c."score" - c."first_score" AS "change_since_first",
    c."score" - c."previous_score" <= -t."minimum_change" AS "reliable_since_previous",
    c."score" - c."first_score" <= -t."minimum_change" AS "reliable_since_first"
  FROM ordered o JOIN compared c ON c."client_id" = o."client_id" JOIN thresholds t ON t."dimension" = c."dimension"
  WHERE o."is_latest" AND o."previous_id" IS NOT NULL
    AND c."score" IS NOT NULL AND c."previous_score" IS NOT NULL AND c."first_score" IS NOT NULL
)
INSERT INTO "client_deteriorations" ("client_id", "practice_id", "latest_at", "previous_at", "first_at", "assessment_count", "sudden", "dimensions")
SELECT c."client_id", cl."practice_id", max(c."completed_at"), max(c."previous_at"), min(c."first_at"), max(c."assessment_count")::int,
  bool_or(c."reliable_since_previous"),
  (json_agg(json_build_object(
    'dimension', c."dimension", 'latest', c."score"::float8, 'previous', c."previous_score"::float8, 'first', c."first_score"::float8,
    'changeSincePrevious', c."change_since_previous"::float8, 'changeSinceFirst', c."change_since_first"::float8,
    'reliableSincePrevious', c."reliable_since_previous", 'reliableSinceFirst', c."reliable_since_first"
  ) ORDER BY c."position") FILTER (WHERE c."reliable_since_previous" OR c."reliable_since_first"))::jsonb
FROM changes c JOIN "clients" cl ON cl."id" = c."client_id"
GROUP BY c."client_id", cl."practice_id"
HAVING bool_or(c."reliable_since_previous" OR c."reliable_since_first");
--> statement-breakpoint
-- Each practice's count of invitations, kept by a trigger so every write path keeps it.
CREATE FUNCTION "count_practice_invitations"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO "practice_invitation_counts" AS c ("practice_id", "invitations")
    SELECT n."practice_id", count(*)::int FROM new_rows n GROUP BY n."practice_id" ORDER BY n."practice_id"
    ON CONFLICT ("practice_id") DO UPDATE SET "invitations" = c."invitations" + excluded."invitations";
  ELSE
    UPDATE "practice_invitation_counts" c SET "invitations" = c."invitations" - o."gone"
    FROM (SELECT "practice_id", count(*)::int AS "gone" FROM old_rows GROUP BY "practice_id") o
    WHERE c."practice_id" = o."practice_id";
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER "invitations_counted_on_insert" AFTER INSERT ON "invitations"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "count_practice_invitations"();
--> statement-breakpoint
CREATE TRIGGER "invitations_counted_on_delete" AFTER DELETE ON "invitations"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "count_practice_invitations"();
--> statement-breakpoint
INSERT INTO "practice_invitation_counts" ("practice_id", "invitations")
SELECT "practice_id", count(*)::int FROM "invitations" GROUP BY "practice_id";
