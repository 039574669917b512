import { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';
import { m } from '$lib/paraglide/messages.js';
import { emptyForm } from '$lib/validation/form';
import { loadDomainVerificationStatus } from '$lib/server/organisations/domain/domain-verification-status';
import { sendDomainCode } from '$lib/server/organisations/domain/send-domain-code';
import { confirmDomainCode } from '$lib/server/organisations/domain/confirm-domain-code';
import { createWellKnownToken } from '$lib/server/organisations/domain/create-well-known-token';
import { checkWellKnownToken } from '$lib/server/organisations/domain/check-well-known-token';
import { errorPage, requireVerifiedUser } from '$lib/server/http';
import { done, formAction } from '$lib/server/form-action';

// Texts as functions: zod reads them when a form is refused, in the visitor's language. The "@" is a
// placeholder because Paraglide copies each message into a JSDoc comment, where a bare "@" breaks the type check.
const sendForm = z.object({
	localPart: z
		.string()
		.trim()
		.min(1, { error: () => m.coal_domain_local_part_required({ at: '@' }) })
		.max(64, { error: () => m.coal_domain_local_part_too_long({ at: '@' }) })
});
const codeForm = z.object({
	code: z
		.string()
		.trim()
		.min(1, { error: () => m.coal_domain_code_required() })
		.max(20, { error: () => m.coal_domain_code_too_long() })
});

export const load = (async (event) => {
	const { user } = requireVerifiedUser(event);
	try {
		return { status: await loadDomainVerificationStatus({ actor: user, organisationId: event.params.id }) };
	} catch (err) {
		errorPage(err);
	}
}) satisfies PageServerLoad;

export const actions = {
	send: formAction('send', sendForm, async ({ user, data, event }) => {
		await sendDomainCode({ actor: user, organisationId: event.params.id, localPart: data.localPart });
		done(event, 'sent');
	}),
	confirm: formAction('confirm', codeForm, async ({ user, data, event }) => {
		await confirmDomainCode({ actor: user, organisationId: event.params.id, code: data.code });
		done(event, 'verified');
	}),
	token: formAction('file', emptyForm, async ({ user, event }) => {
		await createWellKnownToken({ actor: user, organisationId: event.params.id });
		done(event, 'token');
	}),
	check: formAction('file', emptyForm, async ({ user, event }) => {
		await checkWellKnownToken({ actor: user, organisationId: event.params.id });
		done(event, 'verified');
	})
} satisfies Actions;
