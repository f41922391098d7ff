CREATE TYPE "public"."session_pending_step" AS ENUM('second_factor', 'enrolment');--> statement-breakpoint
ALTER TYPE "public"."session_end_reason" ADD VALUE 'email_change';--> statement-breakpoint
ALTER TYPE "public"."session_end_reason" ADD VALUE 'two_step_reset';--> statement-breakpoint
ALTER TYPE "public"."user_token_purpose" ADD VALUE 'reset_password';--> statement-breakpoint
ALTER TYPE "public"."user_token_purpose" ADD VALUE 'change_email';--> statement-breakpoint
CREATE TABLE "recovery_codes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"code_hash" text NOT NULL,
	"used_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "email_outbox" ADD COLUMN "from_name" text;--> statement-breakpoint
ALTER TABLE "practices" ADD COLUMN "require_two_step" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "practices" ADD COLUMN "default_link_expiry_days" integer DEFAULT 14 NOT NULL;--> statement-breakpoint
ALTER TABLE "practices" ADD COLUMN "email_sender_name" text;--> statement-breakpoint
ALTER TABLE "sessions" ADD COLUMN "pending_step" "session_pending_step";--> statement-breakpoint
ALTER TABLE "user_tokens" ADD COLUMN "new_email" text;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "totp_secret_sealed" text;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "totp_last_step" integer;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "two_step_enabled_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "recovery_codes" ADD CONSTRAINT "recovery_codes_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "recovery_codes_user_hash_unique" ON "recovery_codes" USING btree ("user_id","code_hash");