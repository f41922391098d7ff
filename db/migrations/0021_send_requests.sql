CREATE TABLE "send_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"practice_id" uuid NOT NULL,
	"request_key" uuid NOT NULL,
	"created_by" uuid NOT NULL,
	"client_id" uuid NOT NULL,
	"instruments" jsonb NOT NULL,
	"sealed_links" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "invitations" ADD COLUMN "send_request_id" uuid;--> statement-breakpoint
ALTER TABLE "send_requests" ADD CONSTRAINT "send_requests_practice_id_practices_id_fk" FOREIGN KEY ("practice_id") REFERENCES "public"."practices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "send_requests" ADD CONSTRAINT "send_requests_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "send_requests" ADD CONSTRAINT "send_requests_client_id_clients_id_fk" FOREIGN KEY ("client_id") REFERENCES "public"."clients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "send_requests_practice_key_unique" ON "send_requests" USING btree ("practice_id","request_key");--> statement-breakpoint
CREATE INDEX "send_requests_sealed_created_idx" ON "send_requests" USING btree ("practice_id","created_at") WHERE "send_requests"."sealed_links" is not null;--> statement-breakpoint
ALTER TABLE "invitations" ADD CONSTRAINT "invitations_send_request_id_send_requests_id_fk" FOREIGN KEY ("send_request_id") REFERENCES "public"."send_requests"("id") ON DELETE no action ON UPDATE no action;