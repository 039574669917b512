import { fail, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';
import { signForm, signOnForm } from '$lib/validation/signing';
import { parseForm } from '$lib/validation/form';
import { languageName } from '$lib/validation/letter';
import { getSignPage } from '$lib/server/signing/sign-page';
import { signLetter } from '$lib/server/signatures/sign-letter';
import { reconfirmSignature } from '$lib/server/signatures/reconfirm-signature';
import { declineToSign } from '$lib/server/signing/signing-invitations';
import { requestToSign } from '$lib/server/signing/sign-on-requests';
import { isSteppedUp } from '$lib/server/auth/step-up';
import { AppError } from '$lib/server/errors';
import { clientAddress, errorPage, failForm, requireVerifiedUser } from '$lib/server/http';
import { linkOrigin } from '$lib/server/links';

export const load = (async (event) => {
	const { user, session } = requireVerifiedUser(event);
	try {
		const page = await getSignPage({ letterId: event.params.id, actor: user, language: event.url.searchParams.get('lang') });
		return {
			letterId: page.letter.id,
			state: page.letter.state,
			isPublic: page.letter.visibility === 'public',
			inCoalition: page.inCoalition,
			signingText: page.signingText,
			languages: page.signingText.languages.map((code) => ({ code, name: languageName(code) })),
			revision: page.revision,
			safeBodyHtml: page.bodyHtml,
			deadline: page.deadline,
			deadlinePassed: page.deadlinePassed,
			organisations: page.organisations,
			me: { name: user.name },
			steppedUp: isSteppedUp(session),
			signed: event.url.searchParams.has('signed')
		};
	} catch (err) {
		errorPage(err);
	}
}) satisfies PageServerLoad;

export const actions = {
	sign: async (event) => {
		const { user, session } = requireVerifiedUser(event);
		const form = await event.request.formData();
		const parsed = parseForm(signForm, form);
		if (!parsed.ok) return fail(400, { form: 'sign', errors: parsed.errors, values: parsed.values, message: 'Please correct the marked fields.' });
		try {
			await signLetter({
				actor: user,
				session,
				letterId: event.params.id,
				...parsed.data,
				clientAddress: clientAddress(event),
				origin: linkOrigin(event.url)
			});
		} catch (err) {
			if (err instanceof AppError && err.code === 'invalid') {
				return fail(400, { form: 'sign', errors: { password: err.message }, values: parsed.values, message: err.message });
			}
			return failForm(err, form, { form: 'sign', stepUp: err instanceof AppError && err.message.includes('password') });
		}
		redirect(303, `/letters/${event.params.id}/sign?signed=1`);
	},
	reconfirm: async (event) => {
		const { user, session } = requireVerifiedUser(event);
		const form = await event.request.formData();
		const parsed = parseForm(z.object({ signatureId: z.string().min(1).max(64), textHash: z.string().max(64), password: z.string().max(1024).optional() }), form);
		if (!parsed.ok) return fail(400, { form: 'sign', errors: {}, values: {}, message: 'Reload the page and try again.' });
		try {
			await reconfirmSignature({
				actor: user,
				session,
				letterId: event.params.id,
				signatureId: parsed.data.signatureId,
				textHash: parsed.data.textHash,
				password: parsed.data.password || null,
				clientAddress: clientAddress(event)
			});
		} catch (err) {
			return failForm(err, undefined, { form: 'sign' });
		}
		redirect(303, `/letters/${event.params.id}/sign?signed=1`);
	},
	decline: async (event) => {
		const { user } = requireVerifiedUser(event);
		const parsed = parseForm(z.object({ organisationId: z.string().min(1).max(64) }), await event.request.formData());
		if (!parsed.ok) return fail(400, { form: 'sign', errors: {}, values: {}, message: 'Choose an organisation.' });
		try {
			await declineToSign({ actor: user, letterId: event.params.id, organisationId: parsed.data.organisationId });
		} catch (err) {
			return failForm(err, undefined, { form: 'sign' });
		}
		return { form: 'sign', done: 'The coordinators will see that your organisation will not sign.' };
	},
	requestSignOn: async (event) => {
		const { user } = requireVerifiedUser(event);
		const form = await event.request.formData();
		const parsed = parseForm(signOnForm, form);
		if (!parsed.ok) return fail(400, { form: 'request', errors: parsed.errors, values: parsed.values, message: 'Please correct the marked fields.' });
		try {
			await requestToSign({ actor: user, letterId: event.params.id, ...parsed.data });
		} catch (err) {
			return failForm(err, form, { form: 'request' });
		}
		return { form: 'request', done: 'Your request was sent to the coordinators. You can sign once they approve it.' };
	}
} satisfies Actions;
