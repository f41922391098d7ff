ALTER TABLE "email_outbox" ALTER COLUMN "practice_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "email_outbox" ADD COLUMN "sealed_body" text;--> statement-breakpoint
-- Bodies written before this migration hold one-time links in clear. SQL cannot seal them (the
-- key comes from AUTH_SECRET), so unsent ones are given up, and every clear body is dropped below.
UPDATE "email_outbox" SET "status" = 'failed', "last_error" = 'Not sent: queued before email bodies were encrypted, and its one-time link was removed. Send a new link.' WHERE "status" = 'pending';--> statement-breakpoint
ALTER TABLE "email_outbox" DROP COLUMN "body_text";--> statement-breakpoint
ALTER TABLE "email_outbox" DROP COLUMN "body_html";
