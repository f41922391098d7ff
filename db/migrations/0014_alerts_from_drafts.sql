ALTER TABLE "clinical_alerts" ALTER COLUMN "assessment_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "clinical_alerts" ADD COLUMN "invitation_id" uuid;--> statement-breakpoint
ALTER TABLE "clinical_alerts" ADD COLUMN "instrument_version" integer;--> statement-breakpoint
-- Hand-written: alerts raised before drafts could raise one take their link and version from their assessment.
UPDATE "clinical_alerts" SET "invitation_id" = a."invitation_id", "instrument_version" = a."instrument_version" FROM "assessments" a WHERE a."id" = "clinical_alerts"."assessment_id";--> statement-breakpoint
ALTER TABLE "clinical_alerts" ALTER COLUMN "instrument_version" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "clinical_alerts" ADD COLUMN "draft_saved_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "clinical_alerts" ADD CONSTRAINT "clinical_alerts_invitation_id_invitations_id_fk" FOREIGN KEY ("invitation_id") REFERENCES "public"."invitations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "clinical_alerts_invitation_item_unique" ON "clinical_alerts" USING btree ("invitation_id","item_id") WHERE "clinical_alerts"."invitation_id" is not null;--> statement-breakpoint
ALTER TABLE "clinical_alerts" ADD CONSTRAINT "clinical_alerts_sent_or_draft" CHECK ("clinical_alerts"."assessment_id" is not null or ("clinical_alerts"."invitation_id" is not null and "clinical_alerts"."draft_saved_at" is not null));