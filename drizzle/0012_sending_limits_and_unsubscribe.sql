CREATE TABLE "mail_suppressions" (
	"address_hash" text PRIMARY KEY NOT NULL,
	"source" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "unsubscribe_tokens" (
	"token_hash" text PRIMARY KEY NOT NULL,
	"address_hash" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "coalitions" ADD COLUMN "sending_limits_lifted_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "coalitions" ADD COLUMN "sending_limits_lifted_by" text;--> statement-breakpoint
ALTER TABLE "outbox_messages" ADD COLUMN "unsubscribe_url" text;--> statement-breakpoint
ALTER TABLE "coalitions" ADD CONSTRAINT "coalitions_sending_limits_lifted_by_users_id_fk" FOREIGN KEY ("sending_limits_lifted_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "outbox_messages_kind_created_at_index" ON "outbox_messages" USING btree ("kind","created_at");