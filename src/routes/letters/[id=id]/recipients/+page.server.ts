import { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';
import { text } from '$lib/validation/text';
import { emptyForm, rowId } from '$lib/validation/form';
import { m } from '$lib/paraglide/messages.js';
import { formatNumber } from '$lib/i18n/locales';
import { languageName } from '$lib/validation/letter';
import { letterDateOnPage } from '$lib/server/publication/letter-date-on-page';
import { errorPage, requireVerifiedUser } from '$lib/server/http';
import { done, formAction, FormRefusal } from '$lib/server/form-action';
import { AppError } from '$lib/server/errors';
import { linkOrigin } from '$lib/server/links';
import { recipientInput } from '$lib/server/distribution/recipient-input';
import { addRecipient } from '$lib/server/distribution/add-recipient';
import { importRecipientsCsv } from '$lib/server/distribution/import-recipients-csv';
import { removeRecipient } from '$lib/server/distribution/remove-recipient';
import { CSV_MAX_BYTES } from '$lib/server/distribution/recipients-csv';
import { COVER_MESSAGE_MAX, previewDistribution, queueDistribution } from '$lib/server/distribution/queue-distribution';
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
			editions: page.editions.map((e) => ({ ...e, letterDate: letterDateOnPage(e.letterDate, page.letter.dateFormat, page.letter.primaryLanguage) })),
			limits: {
				limited: page.limits.limited,
				reasons: page.limits.reasons,
				maxRecipientsPerLetter: page.limits.maxRecipientsPerLetter,
				maxMessagesPerDay: page.limits.maxMessagesPerDay,
				messagesLast24h: page.limits.messagesLast24h
			},
			recipients: page.recipients.map(({ recipient, delivery }) => ({
				id: recipient.id,
				name: recipient.name,
				title: recipient.title,
				organisation: recipient.organisation,
				email: recipient.email,
				postalAddress: recipient.postalAddress,
				// Issue 13 point 10: the language the PDF will be in, said plainly when it is not the one asked for.
				languageName: deliveredLanguage(recipient.language, page.letter.primaryLanguage, page.languages),
				delivery
			}))
		};
	} catch (err) {
		errorPage(err);
	}
}) satisfies PageServerLoad;

/** "Swedish", or "English (no Swedish translation)" when the letter has none in the recipient's language. */
function deliveredLanguage(wanted: string | null, primary: string, available: string[]): string {
	if (!wanted || wanted === primary) return languageName(primary);
	if (available.includes(wanted)) return languageName(wanted);
	return m.sig_language_no_translation({ primary: languageName(primary), wanted: languageName(wanted) });
}

const sendForm = z.object({
	editionId: z
		.string({ error: () => m.sig_invalid_choose_edition() })
		.min(1, { error: () => m.sig_invalid_choose_edition() })
		.max(64, { error: () => m.sig_invalid_choose_edition() })
		.regex(/^[A-Za-z0-9_-]+$/, { error: () => m.sig_invalid_choose_edition() }),
	coverMessage: text({ label: () => m.sig_cover_message_label(), max: COVER_MESSAGE_MAX, multiline: true })
});

const removeForm = z.object({ recipientId: rowId });

const count = (n: number) => ({ count: n, shown: formatNumber(n) });

export const actions = {
	add: formAction('add', recipientInput, async ({ user, data, event }) => {
		const { id } = await addRecipient({ actor: user, letterId: event.params.id, recipient: data });
		done(event, 'added', { id });
	}),
	/** The summary of an import is known only now, so it is shown rather than redirected to. */
	import: formAction('import', emptyForm, async ({ user, form, event }) => {
		const file = form.get('file');
		if (!(file instanceof File) || file.size === 0) throw new AppError('invalid', m.sig_import_choose_file(), { field: 'file' });
		if (file.size > CSV_MAX_BYTES) throw new AppError('invalid', m.sig_csv_too_large(), { field: 'file' });
		const result = await importRecipientsCsv(event.params.id, await file.text(), user);
		if (!result.ok) throw new FormRefusal(m.sig_import_refused(), result.errors, result.moreErrors);
		const imported = m.sig_import_done(count(result.imported));
		return { done: result.alreadyListed > 0 ? `${imported} ${m.sig_import_already_listed(count(result.alreadyListed))}` : imported };
	}),
	remove: formAction('remove', removeForm, async ({ user, data, event }) => {
		const { cancelledMessages } = await removeRecipient({ actor: user, letterId: event.params.id, recipientId: data.recipientId });
		done(event, cancelledMessages > 0 ? 'removedAndCancelled' : 'removed');
	}, { get invalid() { return m.sig_invalid_choose_recipient(); }, confirm: true }),
	/** What was queued is known only now, so the summary is shown rather than redirected to. */
	send: formAction('send', sendForm, async ({ user, data, event }) => {
		const result = await queueDistribution({ actor: user, letterId: event.params.id, ...data, origin: linkOrigin(event.url) });
		const parts = [
			result.queued > 0 ? m.sig_send_queued(count(result.queued)) : m.sig_send_nothing_queued(),
			result.alreadyQueued > 0 ? m.sig_send_already_queued(count(result.alreadyQueued)) : '',
			result.withoutEmail > 0 ? m.sig_send_without_email(count(result.withoutEmail)) : '',
			result.unsubscribed > 0 ? m.sig_send_unsubscribed(count(result.unsubscribed)) : ''
		];
		return { done: parts.filter(Boolean).join(' ') };
	}, {
		// The cover mail as the first waiting recipient will get it, before anything is queued.
		confirm: async ({ user, data, event }) => {
			const preview = await previewDistribution({ actor: user, letterId: event.params.id, ...data, origin: linkOrigin(event.url) });
			return preview ? { subject: preview.mail.subject, text: preview.mail.text, html: preview.mail.html, recipientName: preview.recipientName, pending: preview.pending } : { pending: 0 };
		}
	})
} satisfies Actions;
