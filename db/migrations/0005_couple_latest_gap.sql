ALTER TABLE "couples" ADD COLUMN "latest_gap" numeric;--> statement-breakpoint
ALTER TABLE "couples" ADD COLUMN "latest_gap_dimension" text;--> statement-breakpoint
ALTER TABLE "couples" ADD COLUMN "latest_gap_at" timestamp with time zone;--> statement-breakpoint
-- Backfill for couples that already have assessments: the same rule as lib/couple-pairs.ts
-- (each assessment paired with the partner's closest one within 14 days; the latest such pair;
-- its largest dimension gap, ties in instrument order). From now on the write path keeps it.
WITH members AS (
  SELECT "id", "couple_id" FROM "clients" WHERE "couple_id" IS NOT NULL
), closeness AS (
  SELECT a."id", a."client_id", a."completed_at", m."couple_id"
  FROM "assessments" a JOIN members m ON m."id" = a."client_id"
  WHERE a."instrument_key" = 'closeness' AND a."instrument_version" = 1
), pairs AS (
  SELECT mine."couple_id", mine."id" AS "a_id", theirs."id" AS "b_id", greatest(mine."completed_at", theirs."completed_at") AS "later"
  FROM closeness mine
  JOIN LATERAL (
    SELECT t."id", t."completed_at" FROM closeness t
    WHERE t."couple_id" = mine."couple_id" AND t."client_id" <> mine."client_id"
      AND abs(extract(epoch FROM t."completed_at" - mine."completed_at")) <= 14 * 86400
    ORDER BY abs(extract(epoch FROM t."completed_at" - mine."completed_at")), t."completed_at"
    LIMIT 1
  ) theirs ON true
), latest AS (
  SELECT DISTINCT ON ("couple_id") * FROM pairs ORDER BY "couple_id", "later" DESC
), gaps AS (
  SELECT DISTINCT ON (l."couple_id") l."couple_id", l."later", sa."dimension", abs(sa."score" - sb."score") AS "gap"
  FROM latest l
  JOIN "assessment_scores" sa ON sa."assessment_id" = l."a_id"
  JOIN "assessment_scores" sb ON sb."assessment_id" = l."b_id" AND sb."dimension" = sa."dimension"
  ORDER BY l."couple_id", abs(sa."score" - sb."score") DESC,
    array_position(ARRAY['knowledge','interdependence','care','trust','responsiveness','mutuality','commitment'], sa."dimension")
)
UPDATE "couples" c SET "latest_gap" = g."gap", "latest_gap_dimension" = g."dimension", "latest_gap_at" = g."later"
FROM gaps g WHERE g."couple_id" = c."id";
