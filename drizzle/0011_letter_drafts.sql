CREATE TABLE "letter_drafts" (
	"user_id" text NOT NULL,
	"letter_id" text NOT NULL,
	"language" text NOT NULL,
	"base_revision_id" text,
	"title" text NOT NULL,
	"addressees" text NOT NULL,
	"body" text NOT NULL,
	"closing" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "letter_drafts_user_id_letter_id_language_pk" PRIMARY KEY("user_id","letter_id","language")
);
--> statement-breakpoint
ALTER TABLE "letter_drafts" ADD CONSTRAINT "letter_drafts_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "letter_drafts" ADD CONSTRAINT "letter_drafts_letter_id_letters_id_fk" FOREIGN KEY ("letter_id") REFERENCES "public"."letters"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "letter_drafts_letter_id_index" ON "letter_drafts" USING btree ("letter_id");