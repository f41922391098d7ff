CREATE TABLE "audit_chain_checks" (
	"practice_id" uuid PRIMARY KEY NOT NULL,
	"checked_at" timestamp with time zone NOT NULL,
	"rows" bigint NOT NULL,
	"whole" boolean NOT NULL,
	"broken_id" bigint,
	"broken_seq" bigint,
	"reason" text
);
--> statement-breakpoint
ALTER TABLE "audit_chain_checks" ADD CONSTRAINT "audit_chain_checks_practice_id_practices_id_fk" FOREIGN KEY ("practice_id") REFERENCES "public"."practices"("id") ON DELETE cascade ON UPDATE no action;