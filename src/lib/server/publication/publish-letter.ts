import { and, desc, eq } from 'drizzle-orm';
import { auditChains, coalitions, editions, publications, signatures, coalitionMembers, type EditionRecordRow, type EditionSignatory } from '../db/schema';
import { AppError } from '../errors';
import { generateId, generateToken, hashBytes } from '../crypto';
import { GENESIS_HASH } from '../audit/audit-event';
import type { Session } from '../auth/session';
import { loadLetterFor } from '../letters/access';
import { runLetterCommand } from '../letters/run-letter-command';
import { LETTER_COMMANDS, mayRunInState } from '../letters/lifecycle';
import { loadSigningText } from '../signing/signing-text';
import { orderSignatories, type SignatoryEntry } from '../signatory-lists/order-signatories';
import { toSignatoryEntry } from '../signatory-lists/to-signatory-entry';
import { requireStepUp } from '../auth/step-up';
import { assertLetterPrintable } from '../pdf/printable';
import { renderPublishedPdf } from '../seal/render-published-pdf';
import { editionPdfInput } from './edition-pdf-input';
import { queuePublicationNotices } from './queue-publication-notices';
import { m } from '$lib/paraglide/messages.js';

export interface PublishInput {
	actor: { id: string };
	session: Session;
	letterId: string;
	/** The date printed on the letter; the server's today (UTC) when not given. */
	letterDate: string | null;
	pageSize: 'A4' | 'LETTER';
	includeSignatureRecord: boolean;
	password: string | null;
	clientAddress: string;
	origin: string;
}

/**
 * A coordinator publishes a closed letter (AU8: after re-entering the password). In one
 * transaction: the counting signatures are frozen into an edition, the PDF of every
 * language of the signing text is rendered once and stored with its SHA-256, the
 * letter becomes read-only, and the publication goes on the audit chain; the
 * signatory organisations are told through the outbox (also in the transaction).
 */
export async function publishLetter(input: PublishInput): Promise<{ editionId: string; code: string }> {
	const { letter } = await loadLetterFor('manage', input.letterId, input.actor.id);
	// Checked before the password is asked for; checked again under the lock.
	if (!mayRunInState('publishLetter', letter.state)) throw new AppError('wrong_state', LETTER_COMMANDS.publishLetter.refusal());
	await requireStepUp({ userId: input.actor.id, session: input.session, password: input.password, clientAddress: input.clientAddress });
	return runLetterCommand({ command: 'publishLetter', actor: input.actor, letterId: input.letterId }, async (ctx) => {
		const { tx, letter: locked } = ctx;
		if (!locked.signingTextId) throw new AppError('wrong_state', LETTER_COMMANDS.publishLetter.refusal());
		const signingText = await loadSigningText(locked.signingTextId, tx);
		if (!signingText) throw new AppError('conflict', m.sig_error_no_signing_text());
		const [coalition] = await tx.select({ name: coalitions.name }).from(coalitions).where(eq(coalitions.id, locked.coalitionId));
		const rows = await tx
			.select({ signature: signatures, verifiedAt: coalitionMembers.verifiedAt, initiator: coalitionMembers.initiator })
			.from(signatures)
			.leftJoin(coalitionMembers, and(eq(coalitionMembers.organisationId, signatures.organisationId), eq(coalitionMembers.coalitionId, locked.coalitionId)))
			.where(and(eq(signatures.letterId, locked.id), eq(signatures.status, 'active'), eq(signatures.signingTextId, signingText.id)));
		const entries: SignatoryEntry[] = rows.map(({ signature, verifiedAt, initiator }) => toSignatoryEntry(signature, { verifiedAt, initiator }));
		const ordered = orderSignatories(entries, { ordering: locked.ordering, initiatorsFirst: locked.initiatorsFirst, language: locked.primaryLanguage });
		const byId = new Map(rows.map((r) => [r.signature.id, r.signature]));
		const signatoriesSnapshot: EditionSignatory[] = ordered.map((e) => ({
			organisationName: e.organisationName,
			country: e.country,
			signerName: e.signerName,
			signerTitle: e.signerTitle,
			verified: e.verified,
			organisationId: e.organisationId
		}));
		const record: EditionRecordRow[] = ordered.map((e) => {
			const s = byId.get(e.signatureId)!;
			return { organisationName: s.organisationName, signer: e.signerName, signedAt: s.signedAt.toISOString(), textHashPrefix: s.textHash.slice(0, 12), method: s.method };
		});
		const [head] = await tx.select({ hash: auditChains.headHash }).from(auditChains).where(eq(auditChains.chainId, locked.id));
		const [previous] = await tx.select({ number: editions.number }).from(editions).where(eq(editions.letterId, locked.id)).orderBy(desc(editions.number)).limit(1);
		// Whole seconds: the PDF, the pages and the audit entry all show the same instant.
		const publishedAt = new Date(Math.floor(Date.now() / 1000) * 1000);
		const edition = {
			id: generateId(),
			letterId: locked.id,
			number: (previous?.number ?? 0) + 1,
			code: generateToken().slice(0, 12),
			letterDate: input.letterDate ?? publishedAt.toISOString().slice(0, 10),
			publishedAt,
			publishedBy: input.actor.id,
			signingTextId: signingText.id,
			signingTextHash: signingText.hash,
			auditHeadHash: head?.hash ?? GENESIS_HASH,
			signatureCount: ordered.length,
			signatories: signatoriesSnapshot,
			signatureRecord: record,
			pageSize: input.pageSize,
			includesRecord: input.includeSignatureRecord
		};
		await tx.insert(editions).values(edition);
		const pdfs: { language: string; sha256: string; sealCertificateSha256: string | null }[] = [];
		for (const revision of signingText.revisions) {
			const pdfInput = editionPdfInput({ letter: locked, coalitionName: coalition?.name ?? '', revision, edition, origin: input.origin });
			assertLetterPrintable(pdfInput);
			const { pdf, sealCertificateSha256 } = await renderPublishedPdf(tx, pdfInput);
			const sha256 = hashBytes(pdf);
			await tx.insert(publications).values({ id: generateId(), editionId: edition.id, language: revision.language, title: revision.title, sha256, size: pdf.length, pdf, sealCertificateSha256 });
			pdfs.push({ language: revision.language, sha256, sealCertificateSha256 });
		}
		await ctx.moveLetter({ updatedAt: publishedAt });
		await ctx.record({ editionId: edition.id, number: edition.number, code: edition.code, auditHeadHash: edition.auditHeadHash, pdfs });
		await queuePublicationNotices(ctx, { letterId: locked.id, edition, origin: input.origin, organisationIds: ordered.map((e) => e.organisationId) });
		return { editionId: edition.id, code: edition.code };
	});
}
