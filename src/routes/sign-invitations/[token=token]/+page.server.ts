import { redirect } from '@sveltejs/kit';
import { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';
import { eq } from 'drizzle-orm';
import { db } from '$lib/server/db';
import { letters } from '$lib/server/db/schema';
import { acceptSigningInvitation } from '$lib/server/signing/accept-signing-invitation';
import { findSigningInvitation } from '$lib/server/signing/find-signing-invitation';
import { listSigningOrganisations } from '$lib/server/signing/access';
import { findHeadRevision } from '$lib/server/letters/revisions';
import { AppError } from '$lib/server/errors';
import { isInvitedAccount, maskAddress } from '$lib/server/invitations/invited-address';
import { formAction } from '$lib/server/form-action';
import { rowId } from '$lib/validation/form';
import { m } from '$lib/paraglide/messages.js';

export const load = (async ({ params, locals, url }) => {
	try {
		const invitation = await findSigningInvitation(params.token);
		// AU11: an account of another address learns where it went (masked), and nothing of the letter.
		if (locals.user && !isInvitedAccount(invitation.email ?? '', locals.user)) {
			return { problem: null, sentTo: maskAddress(invitation.email ?? ''), signedInAs: locals.user.email, title: '', signedIn: true, organisations: [], back: '' };
		}
		const [letter] = await db().select().from(letters).where(eq(letters.id, invitation.letterId));
		const head = letter ? await findHeadRevision(letter.id, letter.primaryLanguage) : undefined;
		const organisations = locals.user ? await listSigningOrganisations(locals.user.id) : [];
		return {
			problem: null,
			sentTo: null,
			signedInAs: null,
			title: head?.title ?? '',
			signedIn: locals.user !== null,
			organisations: organisations.map(({ id, displayName }) => ({ id, displayName })),
			back: encodeURIComponent(url.pathname)
		};
	} catch (err) {
		if (err instanceof AppError) return { problem: err.message, sentTo: null, signedInAs: null, title: '', signedIn: locals.user !== null, organisations: [], back: '' };
		throw err;
	}
}) satisfies PageServerLoad;

const acceptForm = z.object({ organisationId: rowId });

export const actions = {
	default: formAction('accept', acceptForm, async ({ user, data, event }) => {
		const { letterId } = await acceptSigningInvitation({ token: event.params.token, actor: user, organisationId: data.organisationId });
		redirect(303, `/letters/${letterId}/sign`);
	}, {
		// Read when the form is refused, so in the request's language.
		get invalid() {
			return m.pub_choose_answering_organisation();
		}
	})
} satisfies Actions;
