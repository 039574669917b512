import { desc, eq } from 'drizzle-orm';
import { db, type Executor } from '../db';
import { sealCertificates } from '../db/schema';
import type { SealKey } from './seal-key';

/** Keeps the certificate that seals a publication, once, so it stays verifiable after rotation. */
export async function recordSealCertificate(tx: Executor, key: SealKey): Promise<void> {
	const certificate = key.chain[0]!;
	await tx
		.insert(sealCertificates)
		.values({
			sha256: key.fingerprint,
			subject: certificate.subject.replaceAll('\n', ', '),
			issuer: certificate.issuer.replaceAll('\n', ', '),
			serialNumber: certificate.serialNumber,
			notBefore: new Date(certificate.validFrom),
			notAfter: new Date(certificate.validTo),
			chainPem: key.chain.map((c) => c.toString()).join('')
		})
		.onConflictDoNothing();
}

/** The instance's seal certificates, newest first: current and earlier ones. */
export function listSealCertificates() {
	return db()
		.select({ sha256: sealCertificates.sha256, subject: sealCertificates.subject, issuer: sealCertificates.issuer, notBefore: sealCertificates.notBefore, notAfter: sealCertificates.notAfter, firstUsedAt: sealCertificates.firstUsedAt })
		.from(sealCertificates)
		.orderBy(desc(sealCertificates.firstUsedAt));
}

export async function loadSealCertificate(sha256: string) {
	if (!/^[0-9a-f]{64}$/.test(sha256)) return undefined;
	const [row] = await db().select().from(sealCertificates).where(eq(sealCertificates.sha256, sha256));
	return row;
}
