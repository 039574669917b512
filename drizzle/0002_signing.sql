CREATE TYPE "public"."signing_invitation_status" AS ENUM('pending', 'declined', 'signed');--> statement-breakpoint
CREATE TYPE "public"."sign_on_request_status" AS ENUM('pending', 'approved', 'declined');--> statement-breakpoint
CREATE TYPE "public"."signature_status" AS ENUM('active', 'superseded', 'withdrawn', 'revoked', 'excluded');--> statement-breakpoint
CREATE TABLE "sign_on_requests" (
	"id" text PRIMARY KEY NOT NULL,
	"letter_id" text NOT NULL,
	"organisation_id" text NOT NULL,
	"requested_by" text,
	"message" text,
	"status" "sign_on_request_status" DEFAULT 'pending' NOT NULL,
	"decided_by" text,
	"decided_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "signatures" (
	"id" text PRIMARY KEY NOT NULL,
	"letter_id" text NOT NULL,
	"organisation_id" text NOT NULL,
	"signing_text_id" text NOT NULL,
	"text_hash" text NOT NULL,
	"organisation_name" text NOT NULL,
	"organisation_country" text NOT NULL,
	"signer_id" text,
	"signer_name" text NOT NULL,
	"signer_title" text,
	"signer_name_public" boolean DEFAULT false NOT NULL,
	"statement" text,
	"method" text NOT NULL,
	"signed_at" timestamp with time zone NOT NULL,
	"status" "signature_status" DEFAULT 'active' NOT NULL,
	"ended_at" timestamp with time zone,
	"ended_by" text,
	"end_reason" text,
	"confirms_signature_id" text
);
--> statement-breakpoint
CREATE TABLE "signing_invitations" (
	"id" text PRIMARY KEY NOT NULL,
	"letter_id" text NOT NULL,
	"organisation_id" text,
	"email" text,
	"token_hash" text,
	"invited_by" text,
	"expires_at" timestamp with time zone,
	"opened_at" timestamp with time zone,
	"declined_at" timestamp with time zone,
	"accepted_at" timestamp with time zone,
	"last_reminded_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "signing_invitations_tokenHash_unique" UNIQUE("token_hash")
);
--> statement-breakpoint
CREATE TABLE "signing_text_revisions" (
	"signing_text_id" text NOT NULL,
	"revision_id" text NOT NULL,
	"language" text NOT NULL,
	CONSTRAINT "signing_text_revisions_signing_text_id_language_pk" PRIMARY KEY("signing_text_id","language")
);
--> statement-breakpoint
CREATE TABLE "signing_texts" (
	"id" text PRIMARY KEY NOT NULL,
	"letter_id" text NOT NULL,
	"number" integer NOT NULL,
	"hash" text NOT NULL,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "coalition_members" ADD COLUMN "verified_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "coalition_members" ADD COLUMN "verified_by" text;--> statement-breakpoint
ALTER TABLE "coalition_members" ADD COLUMN "initiator" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "letters" ADD COLUMN "signing_text_id" text;--> statement-breakpoint
ALTER TABLE "letters" ADD COLUMN "deadline_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "letters" ADD COLUMN "deadline_time_zone" text;--> statement-breakpoint
ALTER TABLE "letters" ADD COLUMN "opened_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "letters" ADD COLUMN "closed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "sign_on_requests" ADD CONSTRAINT "sign_on_requests_letter_id_letters_id_fk" FOREIGN KEY ("letter_id") REFERENCES "public"."letters"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sign_on_requests" ADD CONSTRAINT "sign_on_requests_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sign_on_requests" ADD CONSTRAINT "sign_on_requests_requested_by_users_id_fk" FOREIGN KEY ("requested_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sign_on_requests" ADD CONSTRAINT "sign_on_requests_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "signatures" ADD CONSTRAINT "signatures_letter_id_letters_id_fk" FOREIGN KEY ("letter_id") REFERENCES "public"."letters"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "signatures" ADD CONSTRAINT "signatures_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "signatures" ADD CONSTRAINT "signatures_signing_text_id_signing_texts_id_fk" FOREIGN KEY ("signing_text_id") REFERENCES "public"."signing_texts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "signatures" ADD CONSTRAINT "signatures_signer_id_users_id_fk" FOREIGN KEY ("signer_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "signatures" ADD CONSTRAINT "signatures_ended_by_users_id_fk" FOREIGN KEY ("ended_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "signing_invitations" ADD CONSTRAINT "signing_invitations_letter_id_letters_id_fk" FOREIGN KEY ("letter_id") REFERENCES "public"."letters"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "signing_invitations" ADD CONSTRAINT "signing_invitations_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "signing_invitations" ADD CONSTRAINT "signing_invitations_invited_by_users_id_fk" FOREIGN KEY ("invited_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "signing_text_revisions" ADD CONSTRAINT "signing_text_revisions_signing_text_id_signing_texts_id_fk" FOREIGN KEY ("signing_text_id") REFERENCES "public"."signing_texts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "signing_text_revisions" ADD CONSTRAINT "signing_text_revisions_revision_id_letter_revisions_id_fk" FOREIGN KEY ("revision_id") REFERENCES "public"."letter_revisions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "signing_texts" ADD CONSTRAINT "signing_texts_letter_id_letters_id_fk" FOREIGN KEY ("letter_id") REFERENCES "public"."letters"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "signing_texts" ADD CONSTRAINT "signing_texts_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "sign_on_requests_letter_organisation" ON "sign_on_requests" USING btree ("letter_id","organisation_id");--> statement-breakpoint
CREATE UNIQUE INDEX "signatures_one_active_per_organisation" ON "signatures" USING btree ("letter_id","organisation_id") WHERE "signatures"."status" = 'active';--> statement-breakpoint
CREATE INDEX "signatures_organisation_id_index" ON "signatures" USING btree ("organisation_id");--> statement-breakpoint
CREATE INDEX "signing_invitations_letter_id_index" ON "signing_invitations" USING btree ("letter_id");--> statement-breakpoint
CREATE UNIQUE INDEX "signing_invitations_letter_organisation" ON "signing_invitations" USING btree ("letter_id","organisation_id");--> statement-breakpoint
CREATE UNIQUE INDEX "signing_texts_letter_number" ON "signing_texts" USING btree ("letter_id","number");--> statement-breakpoint
ALTER TABLE "coalition_members" ADD CONSTRAINT "coalition_members_verified_by_users_id_fk" FOREIGN KEY ("verified_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;