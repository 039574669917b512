import { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';
import { optionalDate } from '$lib/validation/letter';
import { languageName } from '$lib/validation/letter';
import { hasOwnLabels } from '$lib/server/pdf/pdf-labels';
import { loadLetterFor } from '$lib/server/letters/access';
import { findHeadRevision } from '$lib/server/letters/revisions';
import { publishLetter } from '$lib/server/publication/publish-letter';
import { listEditions } from '$lib/server/publication/editions';
import { reopenForNewEdition } from '$lib/server/signing/reopen-for-new-edition';
import { isSteppedUp } from '$lib/server/auth/step-up';
import { hasSecondFactor } from '$lib/server/auth/two-factor';
import { clientAddress, errorPage, requireVerifiedUser } from '$lib/server/http';
import { linkOrigin } from '$lib/server/links';
import { formAction, done } from '$lib/server/form-action';
import { emptyForm } from '$lib/validation/form';
import { listPreviewRevisions } from '$lib/server/publication/list-preview-revisions';
import { letterDateOnPage } from '$lib/server/publication/letter-date-on-page';

const publishForm = z.object({
	letterDate: optionalDate(),
	pageSize: z.enum(['A4', 'LETTER']).default('A4'),
	includeSignatureRecord: z
		.string()
		.optional()
		.transform((v) => v === 'on'),
	password: z.string().max(1024).optional().transform((v) => v || null)
});

export const load = (async (event) => {
	const { user, session } = requireVerifiedUser(event);
	try {
		const { letter } = await loadLetterFor('manage', event.params.id, user.id);
		const head = await findHeadRevision(letter.id, letter.primaryLanguage);
		const editions = await listEditions(letter.id);
		return {
			letter: { id: letter.id, state: letter.state, letterDate: letter.letterDate, visibility: letter.visibility },
			title: head?.title ?? '',
			steppedUp: isSteppedUp(session),
			/** The step-up accepts a code from the app too; the label says so. */
			secondFactor: await hasSecondFactor(user.id),
			today: new Date().toISOString().slice(0, 10),
			previewLanguages: (await listPreviewRevisions(letter)).map((r) => ({ code: r.language, name: languageName(r.language), englishLabels: !hasOwnLabels(r.language) })),
			editions: editions.map((e) => ({
				number: e.number,
				code: e.code,
				letterDate: letterDateOnPage(e.letterDate, letter.dateFormat, letter.primaryLanguage),
				publishedAt: e.publishedAt,
				signatureCount: e.signatureCount,
				files: e.files.map((f) => ({ id: f.id, language: f.language, name: languageName(f.language), sha256: f.sha256, size: f.size }))
			}))
		};
	} catch (err) {
		errorPage(err);
	}
}) satisfies PageServerLoad;

export const actions = {
	publish: formAction('publish', publishForm, async ({ user, session, data, event }) => {
		await publishLetter({ actor: user, session, letterId: event.params.id, ...data, clientAddress: clientAddress(event), origin: linkOrigin(event.url) });
		done(event, 'published');
	}),
	reopen: formAction('publish', emptyForm, async ({ user, event }) => {
		await reopenForNewEdition({ actor: user, letterId: event.params.id });
		done(event, 'reopened');
	}, { confirm: true })
} satisfies Actions;
