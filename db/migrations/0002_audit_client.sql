ALTER TABLE "audit_events" ADD COLUMN "client_id" uuid;--> statement-breakpoint
CREATE INDEX "audit_events_client_trail_idx" ON "audit_events" USING btree ("practice_id","client_id","created_at");--> statement-breakpoint
UPDATE "audit_events" SET "client_id" = "subject_id"::uuid WHERE "subject_type" = 'client' AND "subject_id" IS NOT NULL;--> statement-breakpoint
UPDATE "audit_events" SET "client_id" = ("details"->>'clientId')::uuid WHERE "subject_type" = 'invitation' AND "details" ? 'clientId';
