CREATE TABLE "practice_reliability_figures" (
	"practice_id" uuid NOT NULL,
	"instrument_key" text NOT NULL,
	"instrument_version" integer NOT NULL,
	"dimension" text NOT NULL,
	"sd" numeric NOT NULL,
	"r" numeric NOT NULL,
	"r_kind" text NOT NULL,
	"minimum_change" numeric NOT NULL,
	"n" integer NOT NULL,
	"adopted_at" timestamp with time zone NOT NULL,
	"adopted_by" uuid,
	CONSTRAINT "practice_reliability_figures_pk" PRIMARY KEY("practice_id","instrument_key","instrument_version","dimension")
);
--> statement-breakpoint
CREATE TABLE "practice_statistics_sharing" (
	"practice_id" uuid PRIMARY KEY NOT NULL,
	"contributes" boolean DEFAULT false NOT NULL,
	"changed_at" timestamp with time zone NOT NULL,
	"changed_by" uuid
);
--> statement-breakpoint
ALTER TABLE "practice_reliability_figures" ADD CONSTRAINT "practice_reliability_figures_practice_id_practices_id_fk" FOREIGN KEY ("practice_id") REFERENCES "public"."practices"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "practice_reliability_figures" ADD CONSTRAINT "practice_reliability_figures_adopted_by_users_id_fk" FOREIGN KEY ("adopted_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "practice_statistics_sharing" ADD CONSTRAINT "practice_statistics_sharing_practice_id_practices_id_fk" FOREIGN KEY ("practice_id") REFERENCES "public"."practices"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "practice_statistics_sharing" ADD CONSTRAINT "practice_statistics_sharing_changed_by_users_id_fk" FOREIGN KEY ("changed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;