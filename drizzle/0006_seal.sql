CREATE TABLE "seal_certificates" (
	"sha256" text PRIMARY KEY NOT NULL,
	"subject" text NOT NULL,
	"issuer" text NOT NULL,
	"serial_number" text NOT NULL,
	"not_before" timestamp with time zone NOT NULL,
	"not_after" timestamp with time zone NOT NULL,
	"chain_pem" text NOT NULL,
	"first_used_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "publications" ADD COLUMN "seal_certificate_sha256" text;--> statement-breakpoint
ALTER TABLE "publications" ADD CONSTRAINT "publications_seal_certificate_sha256_seal_certificates_sha256_fk" FOREIGN KEY ("seal_certificate_sha256") REFERENCES "public"."seal_certificates"("sha256") ON DELETE no action ON UPDATE no action;