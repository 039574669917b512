CREATE TYPE "public"."text_approval_status" AS ENUM('requested', 'approved', 'changes_requested');--> statement-breakpoint
CREATE TABLE "text_approvals" (
	"id" text PRIMARY KEY NOT NULL,
	"letter_id" text NOT NULL,
	"organisation_id" text NOT NULL,
	"revision_id" text NOT NULL,
	"text_key" text NOT NULL,
	"status" text_approval_status DEFAULT 'requested' NOT NULL,
	"requested_by" text,
	"requested_at" timestamp with time zone DEFAULT now() NOT NULL,
	"responded_by" text,
	"responded_at" timestamp with time zone,
	"note" text
);
--> statement-breakpoint
ALTER TABLE "letters" ADD COLUMN "approvals_required" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "text_approvals" ADD CONSTRAINT "text_approvals_letter_id_letters_id_fk" FOREIGN KEY ("letter_id") REFERENCES "public"."letters"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "text_approvals" ADD CONSTRAINT "text_approvals_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "text_approvals" ADD CONSTRAINT "text_approvals_revision_id_letter_revisions_id_fk" FOREIGN KEY ("revision_id") REFERENCES "public"."letter_revisions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "text_approvals" ADD CONSTRAINT "text_approvals_requested_by_users_id_fk" FOREIGN KEY ("requested_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "text_approvals" ADD CONSTRAINT "text_approvals_responded_by_users_id_fk" FOREIGN KEY ("responded_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "text_approvals_letter_id_index" ON "text_approvals" USING btree ("letter_id");--> statement-breakpoint
CREATE UNIQUE INDEX "text_approvals_letter_organisation_text" ON "text_approvals" USING btree ("letter_id","organisation_id","text_key");