ALTER TABLE "letters" ALTER COLUMN "state" SET DATA TYPE text;--> statement-breakpoint
ALTER TABLE "letters" ALTER COLUMN "state" SET DEFAULT 'draft'::text;--> statement-breakpoint
DROP TYPE "public"."letter_state";--> statement-breakpoint
CREATE TYPE "public"."letter_state" AS ENUM('draft', 'open', 'closed', 'published');--> statement-breakpoint
ALTER TABLE "letters" ALTER COLUMN "state" SET DEFAULT 'draft'::"public"."letter_state";--> statement-breakpoint
ALTER TABLE "letters" ALTER COLUMN "state" SET DATA TYPE "public"."letter_state" USING "state"::"public"."letter_state";