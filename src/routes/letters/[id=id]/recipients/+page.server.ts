import { fail } from '@sveltejs/kit';
import { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';
import { text } from '$lib/validation/text';
import { parseForm } from '$lib/validation/form';
import { languageName } from '$lib/validation/letter';
import { errorPage, failForm, requireVerifiedUser } from '$lib/server/http';
import { linkOrigin } from '$lib/server/links';
import { recipientInput } from '$lib/server/distribution/recipient-input';
import { addRecipient, importRecipientsCsv, removeRecipient } from '$lib/server/distribution/recipients';
import { CSV_MAX_BYTES } from '$lib/server/distribution/recipients-csv';
import { COVER_MESSAGE_MAX, queueDistribution } from '$lib/server/distribution/queue-distribution';
import { getRecipientsPage } from '$lib/server/distribution/recipients-page';

/** Coordinators manage who receives the published letter, and send it. */
export const load = (async (event) => {
	const { user } = requireVerifiedUser(event);
	try {
		const page = await getRecipientsPage({ letterId: event.params.id, actor: user });
		return {
			letter: { id: page.letter.id, state: page.letter.state },
			title: page.title,
			languages: page.languages.map((code) => ({ code, name: languageName(code) })),
			primaryLanguage: page.letter.primaryLanguage,
			editions: page.editions,
			recipients: page.recipients.map(({ recipient, delivery }) => ({
				id: recipient.id,
				name: recipient.name,
				title: recipient.title,
				organisation: recipient.organisation,
				email: recipient.email,
				postalAddress: recipient.postalAddress,
				languageName: languageName(recipient.language ?? page.letter.primaryLanguage),
				delivery
			}))
		};
	} catch (err) {
		errorPage(err);
	}
}) satisfies PageServerLoad;

const sendForm = z.object({
	editionId: z.string({ error: 'Choose an edition.' }).min(1, 'Choose an edition.').max(64, 'Choose an edition.'),
	coverMessage: text({ label: 'Cover message', max: COVER_MESSAGE_MAX, multiline: true })
});

const removeForm = z.object({ recipientId: z.string().min(1).max(64) });

/** Every answer names the form it belongs to, so the page shows it there. */
type FormName = 'add' | 'import' | 'remove' | 'send';

function plural(n: number, one: string, many = `${one}s`) {
	return `${n} ${n === 1 ? one : many}`;
}

export const actions = {
	add: async (event) => {
		const { user } = requireVerifiedUser(event);
		const form = await event.request.formData();
		const parsed = parseForm(recipientInput, form);
		if (!parsed.ok) return fail(400, { form: 'add' as FormName, message: 'Please correct the marked fields.', errors: parsed.errors, values: parsed.values });
		try {
			await addRecipient({ actor: user, letterId: event.params.id, recipient: parsed.data });
		} catch (err) {
			return failForm(err, form, { form: 'add' as FormName });
		}
		return { form: 'add' as FormName, done: `${parsed.data.name} was added.` };
	},

	import: async (event) => {
		const { user } = requireVerifiedUser(event);
		const form = await event.request.formData();
		const file = form.get('file');
		if (!(file instanceof File) || file.size === 0) return fail(400, { form: 'import' as FormName, message: 'Choose a CSV file to import.' });
		if (file.size > CSV_MAX_BYTES) return fail(400, { form: 'import' as FormName, message: 'The file is larger than 1 MB. Split it into smaller files.' });
		try {
			const result = await importRecipientsCsv(event.params.id, await file.text(), user);
			if (!result.ok) {
				return fail(400, {
					form: 'import' as FormName,
					message: 'Nothing was imported. Correct these rows and import the file again.',
					rowErrors: result.errors,
					moreErrors: result.moreErrors
				});
			}
			const skipped = result.alreadyListed > 0 ? ` ${plural(result.alreadyListed, 'row was', 'rows were')} already on the list.` : '';
			return { form: 'import' as FormName, done: `${plural(result.imported, 'recipient')} imported.${skipped}` };
		} catch (err) {
			return failForm(err, undefined, { form: 'import' as FormName });
		}
	},

	remove: async (event) => {
		const { user } = requireVerifiedUser(event);
		const parsed = parseForm(removeForm, await event.request.formData());
		if (!parsed.ok) return fail(400, { form: 'remove' as FormName, message: 'Choose a recipient.' });
		try {
			const { cancelledMessages } = await removeRecipient({ actor: user, letterId: event.params.id, recipientId: parsed.data.recipientId });
			const cancelled = cancelledMessages > 0 ? ` Their waiting message was cancelled.` : '';
			return { form: 'remove' as FormName, done: `The recipient was removed.${cancelled}` };
		} catch (err) {
			return failForm(err, undefined, { form: 'remove' as FormName });
		}
	},

	send: async (event) => {
		const { user } = requireVerifiedUser(event);
		const form = await event.request.formData();
		const parsed = parseForm(sendForm, form);
		if (!parsed.ok) {
			return fail(400, { form: 'send' as FormName, message: Object.values(parsed.errors)[0] ?? 'Please correct the form.', errors: parsed.errors, values: parsed.values });
		}
		try {
			const result = await queueDistribution({ actor: user, letterId: event.params.id, ...parsed.data, origin: linkOrigin(event.url) });
			const parts = [
				result.queued > 0 ? `${plural(result.queued, 'message')} queued; they go out in the next minutes and each one's delivery shows below.` : 'No new messages to send.',
				result.alreadyQueued > 0 ? `${plural(result.alreadyQueued, 'recipient')} already had this edition on its way or delivered.` : '',
				result.withoutEmail > 0 ? `${plural(result.withoutEmail, 'recipient')} without an e-mail address should get it by post.` : ''
			];
			return { form: 'send' as FormName, done: parts.filter(Boolean).join(' ') };
		} catch (err) {
			return failForm(err, form, { form: 'send' as FormName });
		}
	}
} satisfies Actions;
