import { fail } from '@sveltejs/kit';
import { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';
import { parseForm } from '$lib/validation/form';
import { getSignatureReceipt } from '$lib/server/signatures/signature-receipt';
import { revokeSignature } from '$lib/server/signatures/revoke-signature';
import { withdrawSignature } from '$lib/server/signatures/withdraw-signature';
import { isSteppedUp } from '$lib/server/auth/step-up';
import { AppError } from '$lib/server/errors';
import { clientAddress, errorPage, failForm, requireVerifiedUser } from '$lib/server/http';

export const load = (async (event) => {
	const { user, session } = requireVerifiedUser(event);
	try {
		const receipt = await getSignatureReceipt({ letterId: event.params.id, signatureId: event.params.signatureId, actor: user });
		const s = receipt.signature;
		return {
			letterId: event.params.id,
			letterTitle: receipt.letterTitle,
			letterState: receipt.letterState,
			isSigner: receipt.isSigner,
			isOwner: receipt.isOwner,
			steppedUp: isSteppedUp(session),
			signature: {
				organisationName: s.organisationName,
				signerName: s.signerName,
				signerTitle: s.signerTitle,
				signerNamePublic: s.signerNamePublic,
				statement: s.statement,
				signedAt: s.signedAt,
				textHash: s.textHash,
				status: s.status,
				endedAt: s.endedAt,
				endReason: s.endReason
			}
		};
	} catch (err) {
		errorPage(err);
	}
}) satisfies PageServerLoad;

export const actions = {
	withdraw: async (event) => {
		const { user } = requireVerifiedUser(event);
		try {
			await withdrawSignature({ actor: user, letterId: event.params.id, signatureId: event.params.signatureId });
		} catch (err) {
			return failForm(err);
		}
		return { done: 'The signature was withdrawn. It no longer appears anywhere.' };
	},
	revoke: async (event) => {
		const { user, session } = requireVerifiedUser(event);
		const parsed = parseForm(z.object({ password: z.string().max(1024).optional() }), await event.request.formData());
		if (!parsed.ok) return fail(400, { message: 'Enter your password.' });
		try {
			await revokeSignature({
				actor: user,
				session,
				letterId: event.params.id,
				signatureId: event.params.signatureId,
				password: parsed.data.password || null,
				clientAddress: clientAddress(event)
			});
		} catch (err) {
			if (err instanceof AppError && err.code === 'invalid') return fail(400, { message: err.message });
			return failForm(err);
		}
		return { done: 'The signature was revoked. It no longer appears anywhere.' };
	}
} satisfies Actions;
