CREATE TYPE "public"."plan_cadence" AS ENUM('weekly', 'two_weeks', 'four_weeks', 'monthly');--> statement-breakpoint
CREATE TYPE "public"."plan_end" AS ENUM('after_count', 'on_date', 'open');--> statement-breakpoint
CREATE TYPE "public"."plan_status" AS ENUM('active', 'paused', 'ended');--> statement-breakpoint
CREATE TABLE "plan_members" (
	"plan_id" uuid NOT NULL,
	"client_id" uuid NOT NULL,
	"practice_id" uuid NOT NULL,
	"reminders_stopped_at" timestamp with time zone,
	CONSTRAINT "plan_members_pk" PRIMARY KEY("plan_id","client_id")
);
--> statement-breakpoint
CREATE TABLE "plan_reminders" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"practice_id" uuid NOT NULL,
	"plan_id" uuid NOT NULL,
	"invitation_id" uuid NOT NULL,
	"client_id" uuid NOT NULL,
	"reminder_number" integer NOT NULL,
	"stop_token_hash" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "plans" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"practice_id" uuid NOT NULL,
	"couple_id" uuid,
	"created_by" uuid NOT NULL,
	"instrument_key" text NOT NULL,
	"instrument_version" integer NOT NULL,
	"cadence" "plan_cadence" NOT NULL,
	"start_date" date NOT NULL,
	"first_occurrence" integer DEFAULT 0 NOT NULL,
	"end_kind" "plan_end" NOT NULL,
	"end_count" integer,
	"end_date" date,
	"expiry_days" integer NOT NULL,
	"reminder_days" jsonb NOT NULL,
	"status" "plan_status" DEFAULT 'active' NOT NULL,
	"paused_at" timestamp with time zone,
	"ended_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "invitations" ADD COLUMN "plan_id" uuid;--> statement-breakpoint
ALTER TABLE "invitations" ADD COLUMN "plan_occurrence" integer;--> statement-breakpoint
ALTER TABLE "plan_members" ADD CONSTRAINT "plan_members_plan_id_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."plans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_members" ADD CONSTRAINT "plan_members_client_id_clients_id_fk" FOREIGN KEY ("client_id") REFERENCES "public"."clients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_members" ADD CONSTRAINT "plan_members_practice_id_practices_id_fk" FOREIGN KEY ("practice_id") REFERENCES "public"."practices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_reminders" ADD CONSTRAINT "plan_reminders_practice_id_practices_id_fk" FOREIGN KEY ("practice_id") REFERENCES "public"."practices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_reminders" ADD CONSTRAINT "plan_reminders_plan_id_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."plans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_reminders" ADD CONSTRAINT "plan_reminders_invitation_id_invitations_id_fk" FOREIGN KEY ("invitation_id") REFERENCES "public"."invitations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_reminders" ADD CONSTRAINT "plan_reminders_client_id_clients_id_fk" FOREIGN KEY ("client_id") REFERENCES "public"."clients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plans" ADD CONSTRAINT "plans_practice_id_practices_id_fk" FOREIGN KEY ("practice_id") REFERENCES "public"."practices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plans" ADD CONSTRAINT "plans_couple_id_couples_id_fk" FOREIGN KEY ("couple_id") REFERENCES "public"."couples"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plans" ADD CONSTRAINT "plans_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "plan_members_client_idx" ON "plan_members" USING btree ("client_id");--> statement-breakpoint
CREATE UNIQUE INDEX "plan_reminders_invitation_number_unique" ON "plan_reminders" USING btree ("invitation_id","reminder_number");--> statement-breakpoint
CREATE UNIQUE INDEX "plan_reminders_stop_token_hash_unique" ON "plan_reminders" USING btree ("stop_token_hash");--> statement-breakpoint
CREATE INDEX "plans_practice_status_idx" ON "plans" USING btree ("practice_id","status");--> statement-breakpoint
ALTER TABLE "invitations" ADD CONSTRAINT "invitations_plan_id_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."plans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "invitations_plan_occurrence_client_unique" ON "invitations" USING btree ("plan_id","plan_occurrence","client_id") WHERE "invitations"."plan_id" is not null;