import type { Actions, PageServerLoad } from './$types';
import { getSignatureReceipt } from '$lib/server/signatures/signature-receipt';
import { revokeSignature } from '$lib/server/signatures/revoke-signature';
import { withdrawSignature } from '$lib/server/signatures/withdraw-signature';
import { isSteppedUp } from '$lib/server/auth/step-up';
import { clientAddress, errorPage, requireVerifiedUser } from '$lib/server/http';
import { formAction, done } from '$lib/server/form-action';
import { endSignatureForm } from '$lib/validation/signing';
import { verifiedDomainsOf } from '$lib/server/organisations/domain/domain-verification-status';
import { m } from '$lib/paraglide/messages.js';

/** formAction reads `invalid` when a form is refused, so a getter gives it in the request's language. */
const refusal = () => ({
	get invalid() {
		return m.pub_enter_password();
	}
});

export const load = (async (event) => {
	const { user, session } = requireVerifiedUser(event);
	try {
		const receipt = await getSignatureReceipt({ letterId: event.params.id, signatureId: event.params.signatureId, actor: user });
		const s = receipt.signature;
		const domains = await verifiedDomainsOf([s.organisationId]);
		return {
			letterId: event.params.id,
			letterTitle: receipt.letterTitle,
			letterState: receipt.letterState,
			isSigner: receipt.isSigner,
			isOwner: receipt.isOwner,
			steppedUp: isSteppedUp(session),
			signature: {
				organisationName: s.organisationName,
				verifiedDomain: domains.get(s.organisationId) ?? null,
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
	withdraw: formAction('signature', endSignatureForm, async ({ user, session, data, event }) => {
		await withdrawSignature({
			actor: user,
			session,
			letterId: event.params.id,
			signatureId: event.params.signatureId,
			confirmed: data.confirm,
			password: data.password,
			clientAddress: clientAddress(event)
		});
		done(event, 'withdrawn');
	}, refusal()),
	revoke: formAction('signature', endSignatureForm, async ({ user, session, data, event }) => {
		await revokeSignature({
			actor: user,
			session,
			letterId: event.params.id,
			signatureId: event.params.signatureId,
			confirmed: data.confirm,
			password: data.password,
			clientAddress: clientAddress(event)
		});
		done(event, 'revoked');
	}, refusal())
} satisfies Actions;
