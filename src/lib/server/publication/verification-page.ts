import { eq } from 'drizzle-orm';
import { db } from '../db';
import { editions, publications } from '../db/schema';
// AV3: verdicts kept per chain head, and one lookup for the printed head (issue 11 point 7).
import { auditChainContains, verifyAuditChainCached } from '../audit/verify-audit-chain-cached';
import { renderLetterBody } from '../letters/render-body';
import { loadSigningText } from '../signing/signing-text';
import { findEditionByCode } from './editions';

/**
 * What the URL and QR code on a PDF open: the letter as published in that edition,
 * its date, signatory list and signature record (signer names only where made public),
 * whether the audit chain verifies and contains the head the PDF printed, and the
 * edition's files. Anyone holding the code may see it; the page is never indexed.
 */
export async function getVerificationPage(code: string, language: string | null) {
	const { edition, letter, coalitionName } = await findEditionByCode(code);
	const signingText = await loadSigningText(edition.signingTextId);
	const revisions = signingText?.revisions ?? [];
	const revision = revisions.find((r) => r.language === language) ?? revisions.find((r) => r.language === letter.primaryLanguage) ?? revisions[0];
	const [files, chain, printedHeadInChain, otherEditions] = await Promise.all([
		db()
			.select({ id: publications.id, language: publications.language, sha256: publications.sha256, size: publications.size, sealCertificateSha256: publications.sealCertificateSha256 })
			.from(publications)
			.where(eq(publications.editionId, edition.id)),
		verifyAuditChainCached(letter.id),
		auditChainContains(letter.id, edition.auditHeadHash),
		db().select({ number: editions.number, code: editions.code, letterDate: editions.letterDate }).from(editions).where(eq(editions.letterId, letter.id))
	]);
	return {
		letter,
		coalitionName,
		edition,
		revision: revision ? { language: revision.language, title: revision.title, addressees: revision.addressees, closing: revision.closing } : null,
		bodyHtml: revision ? renderLetterBody(revision.body) : '',
		languages: revisions.map((r) => r.language),
		files,
		chain: { ok: chain.ok, message: chain.ok ? null : chain.message, printedHeadInChain },
		otherEditions: otherEditions.filter((e) => e.code !== edition.code).sort((a, b) => a.number - b.number)
	};
}
