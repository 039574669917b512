CREATE TYPE "public"."date_format" AS ENUM('day_month_year', 'ordinal', 'iso', 'letter_language');--> statement-breakpoint
CREATE TYPE "public"."letter_state" AS ENUM('draft', 'open', 'closed', 'published', 'withdrawn');--> statement-breakpoint
CREATE TYPE "public"."letter_visibility" AS ENUM('coalition', 'public');--> statement-breakpoint
CREATE TYPE "public"."signatory_ordering" AS ENUM('alphabetical', 'signing_time', 'country');--> statement-breakpoint
CREATE TABLE "coalition_coordinators" (
	"coalition_id" text NOT NULL,
	"user_id" text NOT NULL,
	"added_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "coalition_coordinators_coalition_id_user_id_pk" PRIMARY KEY("coalition_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "coalition_invitations" (
	"id" text PRIMARY KEY NOT NULL,
	"coalition_id" text NOT NULL,
	"email" text NOT NULL,
	"token_hash" text NOT NULL,
	"invited_by" text,
	"expires_at" timestamp with time zone NOT NULL,
	"accepted_at" timestamp with time zone,
	"accepted_by" text,
	"accepted_organisation_id" text,
	"revoked_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "coalition_invitations_tokenHash_unique" UNIQUE("token_hash")
);
--> statement-breakpoint
CREATE TABLE "coalition_members" (
	"coalition_id" text NOT NULL,
	"organisation_id" text NOT NULL,
	"added_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "coalition_members_coalition_id_organisation_id_pk" PRIMARY KEY("coalition_id","organisation_id")
);
--> statement-breakpoint
CREATE TABLE "coalitions" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"description" text,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "letter_comments" (
	"id" text PRIMARY KEY NOT NULL,
	"letter_id" text NOT NULL,
	"parent_id" text,
	"author_id" text,
	"language" text,
	"paragraph" integer,
	"body" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"edited_at" timestamp with time zone,
	"deleted_at" timestamp with time zone,
	"resolved_at" timestamp with time zone,
	"resolved_by" text
);
--> statement-breakpoint
CREATE TABLE "letter_revisions" (
	"id" text PRIMARY KEY NOT NULL,
	"letter_id" text NOT NULL,
	"language" text NOT NULL,
	"number" integer NOT NULL,
	"base_revision_id" text,
	"source_revision_id" text,
	"author_id" text,
	"title" text NOT NULL,
	"addressees" text NOT NULL,
	"body" text NOT NULL,
	"closing" text NOT NULL,
	"content_hash" text NOT NULL,
	"merged_revision_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "letter_revisions_number_positive" CHECK ("letter_revisions"."number" > 0)
);
--> statement-breakpoint
CREATE TABLE "letters" (
	"id" text PRIMARY KEY NOT NULL,
	"coalition_id" text NOT NULL,
	"state" "letter_state" DEFAULT 'draft' NOT NULL,
	"primary_language" text NOT NULL,
	"place" text,
	"letter_date" date,
	"date_format" date_format DEFAULT 'day_month_year' NOT NULL,
	"visibility" "letter_visibility" DEFAULT 'coalition' NOT NULL,
	"ordering" "signatory_ordering" DEFAULT 'alphabetical' NOT NULL,
	"initiators_first" boolean DEFAULT false NOT NULL,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "audit_chains" (
	"chain_id" text PRIMARY KEY NOT NULL,
	"head_seq" integer NOT NULL,
	"head_hash" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "audit_events" (
	"chain_id" text NOT NULL,
	"seq" integer NOT NULL,
	"type" text NOT NULL,
	"actor_id" text,
	"data" jsonb NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"prev_hash" text NOT NULL,
	"hash" text NOT NULL,
	CONSTRAINT "audit_events_chain_id_seq_pk" PRIMARY KEY("chain_id","seq")
);
--> statement-breakpoint
ALTER TABLE "coalition_coordinators" ADD CONSTRAINT "coalition_coordinators_coalition_id_coalitions_id_fk" FOREIGN KEY ("coalition_id") REFERENCES "public"."coalitions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coalition_coordinators" ADD CONSTRAINT "coalition_coordinators_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coalition_coordinators" ADD CONSTRAINT "coalition_coordinators_added_by_users_id_fk" FOREIGN KEY ("added_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coalition_invitations" ADD CONSTRAINT "coalition_invitations_coalition_id_coalitions_id_fk" FOREIGN KEY ("coalition_id") REFERENCES "public"."coalitions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coalition_invitations" ADD CONSTRAINT "coalition_invitations_invited_by_users_id_fk" FOREIGN KEY ("invited_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coalition_invitations" ADD CONSTRAINT "coalition_invitations_accepted_by_users_id_fk" FOREIGN KEY ("accepted_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coalition_invitations" ADD CONSTRAINT "coalition_invitations_accepted_organisation_id_organisations_id_fk" FOREIGN KEY ("accepted_organisation_id") REFERENCES "public"."organisations"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coalition_members" ADD CONSTRAINT "coalition_members_coalition_id_coalitions_id_fk" FOREIGN KEY ("coalition_id") REFERENCES "public"."coalitions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coalition_members" ADD CONSTRAINT "coalition_members_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coalition_members" ADD CONSTRAINT "coalition_members_added_by_users_id_fk" FOREIGN KEY ("added_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coalitions" ADD CONSTRAINT "coalitions_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "letter_comments" ADD CONSTRAINT "letter_comments_letter_id_letters_id_fk" FOREIGN KEY ("letter_id") REFERENCES "public"."letters"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "letter_comments" ADD CONSTRAINT "letter_comments_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "letter_comments" ADD CONSTRAINT "letter_comments_resolved_by_users_id_fk" FOREIGN KEY ("resolved_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "letter_revisions" ADD CONSTRAINT "letter_revisions_letter_id_letters_id_fk" FOREIGN KEY ("letter_id") REFERENCES "public"."letters"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "letter_revisions" ADD CONSTRAINT "letter_revisions_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "letters" ADD CONSTRAINT "letters_coalition_id_coalitions_id_fk" FOREIGN KEY ("coalition_id") REFERENCES "public"."coalitions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "letters" ADD CONSTRAINT "letters_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "coalition_coordinators_user_id_index" ON "coalition_coordinators" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "coalition_invitations_coalition_id_index" ON "coalition_invitations" USING btree ("coalition_id");--> statement-breakpoint
CREATE INDEX "coalition_members_organisation_id_index" ON "coalition_members" USING btree ("organisation_id");--> statement-breakpoint
CREATE INDEX "letter_comments_letter_id_index" ON "letter_comments" USING btree ("letter_id");--> statement-breakpoint
CREATE UNIQUE INDEX "letter_revisions_letter_language_number" ON "letter_revisions" USING btree ("letter_id","language","number");--> statement-breakpoint
CREATE INDEX "letters_coalition_id_index" ON "letters" USING btree ("coalition_id");--> statement-breakpoint
CREATE INDEX "audit_events_created_at_index" ON "audit_events" USING btree ("created_at");--> statement-breakpoint
-- IG1: the audit trail is append-only. The application cannot change or remove an
-- entry; only someone who can alter the table (and so disable this trigger) can.
CREATE FUNCTION "audit_events_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	RAISE EXCEPTION 'audit_events is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER "audit_events_no_update_delete" BEFORE UPDATE OR DELETE ON "audit_events"
	FOR EACH ROW EXECUTE FUNCTION "audit_events_append_only"();
