CREATE TABLE "client_instrument_totals" (
	"client_id" uuid NOT NULL,
	"instrument_key" text NOT NULL,
	"practice_id" uuid NOT NULL,
	"instrument_version" integer NOT NULL,
	"latest_assessment_id" uuid NOT NULL,
	"latest_total" numeric NOT NULL,
	"latest_at" timestamp with time zone NOT NULL,
	"first_total" numeric NOT NULL,
	"first_at" timestamp with time zone NOT NULL,
	"assessment_count" integer NOT NULL,
	CONSTRAINT "client_instrument_totals_pk" PRIMARY KEY("client_id","instrument_key")
);
--> statement-breakpoint
CREATE TABLE "clinical_alerts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"practice_id" uuid NOT NULL,
	"client_id" uuid NOT NULL,
	"assessment_id" uuid NOT NULL,
	"instrument_key" text NOT NULL,
	"item_id" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"acknowledged_at" timestamp with time zone,
	"acknowledged_by" uuid,
	"acknowledgement_note" text
);
--> statement-breakpoint
DROP INDEX "assessments_invitation_id_unique";--> statement-breakpoint
ALTER TABLE "assessments" ALTER COLUMN "overall" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "assessments" ADD COLUMN "total" numeric;--> statement-breakpoint
ALTER TABLE "invitations" ADD COLUMN "instruments" jsonb;--> statement-breakpoint
-- Hand-edited: each existing row carried one instrument; keep it as a list of one before the old columns go.
UPDATE "invitations" SET "instruments" = jsonb_build_array(jsonb_build_object('key', "instrument_key", 'version', "instrument_version"));--> statement-breakpoint
ALTER TABLE "invitations" ALTER COLUMN "instruments" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "plans" ADD COLUMN "instruments" jsonb;--> statement-breakpoint
-- Hand-edited: each existing row carried one instrument; keep it as a list of one before the old columns go.
UPDATE "plans" SET "instruments" = jsonb_build_array(jsonb_build_object('key', "instrument_key", 'version', "instrument_version"));--> statement-breakpoint
ALTER TABLE "plans" ALTER COLUMN "instruments" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "practices" ADD COLUMN "crisis_text" text;--> statement-breakpoint
ALTER TABLE "client_instrument_totals" ADD CONSTRAINT "client_instrument_totals_client_id_clients_id_fk" FOREIGN KEY ("client_id") REFERENCES "public"."clients"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "client_instrument_totals" ADD CONSTRAINT "client_instrument_totals_practice_id_practices_id_fk" FOREIGN KEY ("practice_id") REFERENCES "public"."practices"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "client_instrument_totals" ADD CONSTRAINT "client_instrument_totals_latest_assessment_id_assessments_id_fk" FOREIGN KEY ("latest_assessment_id") REFERENCES "public"."assessments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "clinical_alerts" ADD CONSTRAINT "clinical_alerts_practice_id_practices_id_fk" FOREIGN KEY ("practice_id") REFERENCES "public"."practices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "clinical_alerts" ADD CONSTRAINT "clinical_alerts_client_id_clients_id_fk" FOREIGN KEY ("client_id") REFERENCES "public"."clients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "clinical_alerts" ADD CONSTRAINT "clinical_alerts_assessment_id_assessments_id_fk" FOREIGN KEY ("assessment_id") REFERENCES "public"."assessments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "clinical_alerts" ADD CONSTRAINT "clinical_alerts_acknowledged_by_users_id_fk" FOREIGN KEY ("acknowledged_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "client_instrument_totals_practice_idx" ON "client_instrument_totals" USING btree ("practice_id","instrument_key");--> statement-breakpoint
CREATE UNIQUE INDEX "clinical_alerts_assessment_item_unique" ON "clinical_alerts" USING btree ("assessment_id","item_id");--> statement-breakpoint
CREATE INDEX "clinical_alerts_open_idx" ON "clinical_alerts" USING btree ("practice_id","client_id") WHERE "clinical_alerts"."acknowledged_at" is null;--> statement-breakpoint
CREATE UNIQUE INDEX "assessments_invitation_instrument_unique" ON "assessments" USING btree ("invitation_id","instrument_key");--> statement-breakpoint
ALTER TABLE "invitations" DROP COLUMN "instrument_key";--> statement-breakpoint
ALTER TABLE "invitations" DROP COLUMN "instrument_version";--> statement-breakpoint
ALTER TABLE "plans" DROP COLUMN "instrument_key";--> statement-breakpoint
ALTER TABLE "plans" DROP COLUMN "instrument_version";--> statement-breakpoint
ALTER TABLE "assessments" ADD CONSTRAINT "assessments_one_score" CHECK (("assessments"."overall" is null) <> ("assessments"."total" is null));