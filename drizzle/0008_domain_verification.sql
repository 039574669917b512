CREATE TYPE "public"."domain_challenge_method" AS ENUM('email_code', 'well_known_file');--> statement-breakpoint
CREATE TABLE "domain_challenges" (
	"id" text PRIMARY KEY NOT NULL,
	"organisation_id" text NOT NULL,
	"method" "domain_challenge_method" NOT NULL,
	"domain" text NOT NULL,
	"email" text,
	"code_hash" text,
	"token" text,
	"failed_attempts" integer DEFAULT 0 NOT NULL,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "organisations" ADD COLUMN "verified_domain" text;--> statement-breakpoint
ALTER TABLE "organisations" ADD COLUMN "domain_verified_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "organisations" ADD COLUMN "domain_verified_by" text;--> statement-breakpoint
ALTER TABLE "organisations" ADD COLUMN "domain_verification_method" text;--> statement-breakpoint
ALTER TABLE "domain_challenges" ADD CONSTRAINT "domain_challenges_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "domain_challenges" ADD CONSTRAINT "domain_challenges_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "domain_challenges_one_per_method" ON "domain_challenges" USING btree ("organisation_id","method");--> statement-breakpoint
ALTER TABLE "organisations" ADD CONSTRAINT "organisations_domain_verified_by_users_id_fk" FOREIGN KEY ("domain_verified_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;