import { pgTable, text, timestamp } from 'drizzle-orm/pg-core';

const time = () => timestamp({ withTimezone: true, mode: 'date' });

/**
 * Every certificate that ever sealed a publication of this instance (issue 15), kept
 * so that earlier editions stay verifiable, and their certificates downloadable,
 * after the seal key is rotated. Written the first time a certificate seals.
 */
export const sealCertificates = pgTable('seal_certificates', {
	/** SHA-256 of the certificate's DER, lower-case hex. */
	sha256: text().primaryKey(),
	subject: text().notNull(),
	issuer: text().notNull(),
	serialNumber: text().notNull(),
	notBefore: time().notNull(),
	notAfter: time().notNull(),
	/** The seal certificate and the chain configured with it, PEM, seal certificate first. */
	chainPem: text().notNull(),
	firstUsedAt: time().notNull().defaultNow()
});
