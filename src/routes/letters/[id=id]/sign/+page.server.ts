import { redirect } from '@sveltejs/kit';
import { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';
import { signForm, signOnForm } from '$lib/validation/signing';
import { rowId } from '$lib/validation/form';
import { languageName } from '$lib/validation/letter';
import { getSignPage, markSignPageOpened } from '$lib/server/signing/sign-page';
import { signLetter } from '$lib/server/signatures/sign-letter';
import { reconfirmSignature } from '$lib/server/signatures/reconfirm-signature';
import { declineToSign } from '$lib/server/signing/decline-to-sign';
import { requestToSign } from '$lib/server/signing/request-to-sign';
import { isSteppedUp } from '$lib/server/auth/step-up';
import { hasSecondFactor } from '$lib/server/auth/two-factor';
import { clientAddress, errorPage, requireVerifiedUser, queryParam } from '$lib/server/http';
import { done, formAction } from '$lib/server/form-action';
import { linkOrigin } from '$lib/server/links';
import { m } from '$lib/paraglide/messages.js';

export const load = (async (event) => {
	const { user, session } = requireVerifiedUser(event);
	try {
		const page = await getSignPage({ letterId: event.params.id, actor: user, language: queryParam(event.url, 'lang', 'language') });
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
			/** The step-up accepts a code from the app too; the label says so. */
			secondFactor: await hasSecondFactor(user.id),
			signed: event.url.searchParams.has('signed')
		};
	} catch (err) {
		errorPage(err);
	}
}) satisfies PageServerLoad;

const reconfirmForm = z.object({ signatureId: rowId, textHash: z.string().max(64), password: z.string().max(1024).optional() });
const organisationForm = z.object({ organisationId: rowId });

export const actions = {
	// CS4: reading the sign page writes nothing; the first POST from it (sign or
	// decline, even a refused one) records that the invitation was opened.
	sign: formAction('sign', signForm, async ({ user, session, data, event }) => {
		await markSignPageOpened({ letterId: event.params.id, actor: user });
		await signLetter({ actor: user, session, letterId: event.params.id, ...data, clientAddress: clientAddress(event), origin: linkOrigin(event.url) });
		redirect(303, `/letters/${event.params.id}/sign?signed=1`);
	}),
	reconfirm: formAction('sign', reconfirmForm, async ({ user, session, data, event }) => {
		await reconfirmSignature({ actor: user, session, letterId: event.params.id, ...data, password: data.password || null, clientAddress: clientAddress(event) });
		redirect(303, `/letters/${event.params.id}/sign?signed=1`);
	}, {
		// Read when the form is refused, so in the request's language.
		get invalid() {
			return m.pub_reload_and_try_again();
		}
	}),
	decline: formAction('sign', organisationForm, async ({ user, data, event }) => {
		await markSignPageOpened({ letterId: event.params.id, actor: user });
		await declineToSign({ actor: user, letterId: event.params.id, organisationId: data.organisationId });
		done(event, 'declined');
	}, {
		get invalid() {
			return m.pub_choose_organisation();
		},
		confirm: true
	}),
	requestSignOn: formAction('request', signOnForm, async ({ user, data, event }) => {
		await requestToSign({ actor: user, letterId: event.params.id, ...data });
		done(event, 'requested');
	})
} satisfies Actions;
