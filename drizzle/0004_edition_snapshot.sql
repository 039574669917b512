ALTER TABLE "editions" ADD COLUMN "signatories" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "editions" ADD COLUMN "signature_record" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "editions" ADD COLUMN "page_size" text DEFAULT 'A4' NOT NULL;--> statement-breakpoint
ALTER TABLE "editions" ADD COLUMN "includes_record" boolean DEFAULT false NOT NULL;