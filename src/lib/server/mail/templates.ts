import { m } from '$lib/paraglide/messages.js';
import { linkInLanguage, localeDirection, type Locale } from '$lib/i18n/locales';
import { formatDateTime } from '$lib/time';
import { formatInZone } from '../signing/zoned-time';
import type { MailMessage } from './dev-mailbox';
import { mailIntlLocale } from './reader-locale';

/*
 * Issue 14, point 6: every template is written in its reader's language (`locale`),
 * subject included, and its links open the site in that language (point 3). Which
 * language a reader gets is decided where the mail is queued (reader-locale.ts).
 */

/** Escapes text for the HTML part; every value from users passes through here. */
export function escapeHtml(value: string): string {
	return value
		.replaceAll('&', '&amp;')
		.replaceAll('<', '&lt;')
		.replaceAll('>', '&gt;')
		.replaceAll('"', '&quot;')
		.replaceAll("'", '&#39;');
}

interface Part {
	/** Plain paragraphs; user text is escaped for the HTML part. */
	paragraphs: string[];
	/** The sender's own words (issue 13 point 10), set apart and attributed after the paragraphs. */
	quote?: { from: string; text: string };
	action?: { label: string; url: string };
	code?: string;
	footer?: string;
}

/** A personal message sent with an invitation or a reminder, when there is one. */
export function personalMessage(from: string, message: string | null | undefined): Part['quote'] {
	return message ? { from, text: message } : undefined;
}

/**
 * Builds both parts of a message from one description, so they never drift apart. The
 * action's link opens the site in `locale`; links inside paragraphs are the template's.
 */
export function composeMail(to: string, subject: string, part: Part, locale: Locale): MailMessage {
	const o = { locale };
	const action = part.action ? { label: part.action.label, url: linkInLanguage(part.action.url, locale) } : undefined;
	const text = [
		...part.paragraphs,
		...(part.quote ? [m.mail_message_from({ name: part.quote.from }, o), part.quote.text.split('\n').map((line) => `> ${line}`.trimEnd()).join('\n')] : []),
		...(part.code ? [m.mail_your_code({ code: part.code }, o)] : []),
		...(action ? [`${action.label}: ${action.url}`] : []),
		...(part.footer ? ['--', part.footer] : [])
	].join('\n\n');
	const dir = localeDirection(locale);
	// Physical sides chosen by direction: many mail programs ignore logical CSS properties.
	const start = dir === 'rtl' ? 'right' : 'left';
	const html = `<!doctype html><html lang="${mailIntlLocale(locale)}" dir="${dir}"><body style="font-family:system-ui,sans-serif;color:#1b1b1f;line-height:1.5;max-width:36rem">
${part.paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join('\n')}
${part.quote ? `<p>${escapeHtml(m.mail_message_from({ name: part.quote.from }, o))}</p><blockquote style="margin:0 0 1rem;padding-${start}:1rem;border-${start}:3px solid #ccc;white-space:pre-line">${escapeHtml(part.quote.text)}</blockquote>` : ''}
${part.code ? `<p style="font-size:1.5rem;letter-spacing:0.2em;font-family:monospace"><strong>${escapeHtml(part.code)}</strong></p>` : ''}
${action ? `<p><a href="${escapeHtml(action.url)}" style="background:#1d4ed8;color:#fff;padding:0.6rem 1rem;border-radius:6px;text-decoration:none">${escapeHtml(action.label)}</a></p><p style="font-size:0.85rem;color:#555">${escapeHtml(m.mail_open_this_address({ url: action.url }, o))}</p>` : ''}
${part.footer ? `<hr><p style="font-size:0.85rem;color:#555">${escapeHtml(part.footer)}</p>` : ''}
</body></html>`;
	return { to, subject, text, html };
}

/** A time in a mail, in UTC (the server does not know the reader's zone), named as such. */
export function mailTime(instant: Date, locale: Locale, options: { seconds?: boolean } = {}): string {
	return formatDateTime(instant, 'UTC', options, mailIntlLocale(locale));
}

/** A letter's deadline as its coordinators set it: in its own time zone, named. */
export type Deadline = { at: Date; timeZone: string } | null;

function signaturesUntil(deadline: Deadline, locale: Locale): string[] {
	return deadline ? [m.mail_signatures_until({ deadline: formatInZone(deadline.at, deadline.timeZone, mailIntlLocale(locale)) }, { locale })] : [];
}

/** A letter whose primary language has no title yet still gets a name in mail. */
const titleOf = (title: string, locale: Locale) => title || m.mail_untitled_letter({}, { locale });

/** A role as a word inside a sentence ("as owner"). */
const ROLE_WORDS = {
	owner: (locale: Locale) => m.mail_role_owner({}, { locale }),
	signatory: (locale: Locale) => m.mail_role_signatory({}, { locale }),
	member: (locale: Locale) => m.mail_role_member({}, { locale })
};

export function verificationMail(to: string, name: string, code: string, url: string, locale: Locale): MailMessage {
	const o = { locale };
	return composeMail(
		to,
		m.mail_verification_subject({}, o),
		{
			paragraphs: [m.mail_hello({ name }, o), m.mail_verification_body({}, o), m.mail_verification_ignore({}, o)],
			code,
			action: { label: m.mail_verification_action({}, o), url },
			footer: m.mail_footer({}, o)
		},
		locale
	);
}

export function alreadyRegisteredMail(to: string, signInUrl: string, resetUrl: string, locale: Locale): MailMessage {
	const o = { locale };
	return composeMail(
		to,
		m.mail_already_registered_subject({}, o),
		{
			paragraphs: [
				m.mail_already_registered_body({}, o),
				m.mail_already_registered_links({ signInUrl: linkInLanguage(signInUrl, locale), resetUrl: linkInLanguage(resetUrl, locale) }, o),
				m.mail_already_registered_ignore({}, o)
			],
			footer: m.mail_footer({}, o)
		},
		locale
	);
}

export function passwordResetMail(to: string, name: string, url: string, locale: Locale): MailMessage {
	const o = { locale };
	return composeMail(
		to,
		m.mail_password_reset_subject({}, o),
		{
			paragraphs: [m.mail_hello({ name }, o), m.mail_password_reset_body({}, o), m.mail_password_reset_ignore({}, o)],
			action: { label: m.mail_password_reset_action({}, o), url },
			footer: m.mail_footer({}, o)
		},
		locale
	);
}

export function emailChangeNoticeMail(to: string, name: string, locale: Locale): MailMessage {
	const o = { locale };
	return composeMail(
		to,
		m.mail_email_change_subject({}, o),
		{ paragraphs: [m.mail_hello({ name }, o), m.mail_email_change_body({}, o), m.mail_email_change_not_you({}, o)], footer: m.mail_footer({}, o) },
		locale
	);
}

export function passwordChangedMail(to: string, name: string, locale: Locale): MailMessage {
	const o = { locale };
	return composeMail(
		to,
		m.mail_password_changed_subject({}, o),
		{ paragraphs: [m.mail_hello({ name }, o), m.mail_password_changed_body({}, o), m.mail_password_changed_not_you({}, o)], footer: m.mail_footer({}, o) },
		locale
	);
}

export function twoFactorChangedMail(to: string, name: string, enabled: boolean, locale: Locale): MailMessage {
	const o = { locale };
	return composeMail(
		to,
		enabled ? m.mail_two_factor_on_subject({}, o) : m.mail_two_factor_off_subject({}, o),
		{
			paragraphs: [
				m.mail_hello({ name }, o),
				enabled ? m.mail_two_factor_on_body({}, o) : m.mail_two_factor_off_body({}, o),
				m.mail_not_you_reset_and_tell({}, o)
			],
			footer: m.mail_footer({}, o)
		},
		locale
	);
}

export function invitationMail(
	to: string,
	details: { organisation: string; inviter: string; role: keyof typeof ROLE_WORDS; message: string | null; url: string; expires: Date },
	locale: Locale
): MailMessage {
	const o = { locale };
	const { organisation, inviter } = details;
	return composeMail(
		to,
		m.mail_invitation_subject({ organisation }, o),
		{
			paragraphs: [
				m.mail_invitation_body({ inviter, organisation, role: ROLE_WORDS[details.role](locale) }, o),
				m.mail_invitation_about({ expires: mailTime(details.expires, locale) }, o),
				m.mail_invitation_ignore({}, o)
			],
			quote: personalMessage(inviter, details.message),
			action: { label: m.mail_see_invitation({}, o), url: details.url },
			footer: m.mail_footer({}, o)
		},
		locale
	);
}

export function coalitionInvitationMail(
	to: string,
	details: { coalition: string; inviter: string; message: string | null; url: string; expires: Date },
	locale: Locale
): MailMessage {
	const o = { locale };
	const { coalition, inviter } = details;
	return composeMail(
		to,
		m.mail_coalition_invitation_subject({ coalition }, o),
		{
			paragraphs: [
				m.mail_coalition_invitation_body({ inviter, coalition }, o),
				m.mail_coalition_invitation_how({ expires: mailTime(details.expires, locale) }, o),
				m.mail_coalition_invitation_ignore({}, o)
			],
			quote: personalMessage(inviter, details.message),
			action: { label: m.mail_see_invitation({}, o), url: details.url },
			footer: m.mail_footer({}, o)
		},
		locale
	);
}

export function signatureReceiptMail(
	to: string,
	details: { organisation: string; letterTitle: string; signerName: string; signedAt: Date; textHash: string; url: string; forOwner: boolean },
	locale: Locale
): MailMessage {
	const o = { locale };
	const { organisation, signerName } = details;
	const letterTitle = titleOf(details.letterTitle, locale);
	const signedAt = mailTime(details.signedAt, locale, { seconds: true });
	const paragraphs = details.forOwner
		? [m.mail_receipt_owner_body({ signerName, letterTitle, organisation, signedAt }, o), m.mail_receipt_owner_why({}, o)]
		: [m.mail_receipt_signer_body({ letterTitle, organisation, signedAt }, o), m.mail_receipt_signer_withdraw({}, o)];
	return composeMail(
		to,
		m.mail_receipt_subject({ organisation, letterTitle }, o),
		{
			paragraphs: [...paragraphs, m.mail_receipt_hash({ textHash: details.textHash }, o)],
			action: { label: details.forOwner ? m.mail_receipt_owner_action({}, o) : m.mail_receipt_signer_action({}, o), url: details.url },
			footer: m.mail_footer({}, o)
		},
		locale
	);
}

export function signInvitationMail(
	to: string,
	details: { letterTitle: string; coalition: string; inviter: string; message: string | null; url: string; deadline: Deadline },
	locale: Locale
): MailMessage {
	const o = { locale };
	const { coalition, inviter } = details;
	const letterTitle = titleOf(details.letterTitle, locale);
	return composeMail(
		to,
		m.mail_sign_invitation_subject({ letterTitle }, o),
		{
			paragraphs: [
				m.mail_sign_invitation_body({ inviter, coalition, letterTitle }, o),
				m.mail_sign_invitation_how({}, o),
				...signaturesUntil(details.deadline, locale)
			],
			quote: personalMessage(inviter, details.message),
			action: { label: m.mail_sign_invitation_action({}, o), url: details.url },
			footer: m.mail_footer({}, o)
		},
		locale
	);
}

export function signReminderMail(
	to: string,
	details: { letterTitle: string; coalition: string; sender: string; message: string | null; url: string; deadline: Deadline },
	locale: Locale
): MailMessage {
	const o = { locale };
	const { coalition } = details;
	const letterTitle = titleOf(details.letterTitle, locale);
	return composeMail(
		to,
		m.mail_reminder_subject({ letterTitle }, o),
		{
			paragraphs: [m.mail_reminder_body({ coalition, letterTitle }, o), ...signaturesUntil(details.deadline, locale), m.mail_reminder_choices({}, o)],
			quote: personalMessage(details.sender, details.message),
			action: { label: m.mail_read_and_answer({}, o), url: details.url },
			footer: m.mail_footer({}, o)
		},
		locale
	);
}

/** Issue 13 point 4: a drafting organisation is asked to approve the final text. */
export function approvalRequestMail(
	to: string,
	details: { letterTitle: string; coalition: string; requester: string; revisionNumber: number; message: string | null; url: string },
	locale: Locale
): MailMessage {
	const o = { locale };
	const { coalition, requester } = details;
	const letterTitle = titleOf(details.letterTitle, locale);
	const revisionNumber = formatMailNumber(details.revisionNumber, locale);
	return composeMail(
		to,
		m.mail_approval_subject({ letterTitle }, o),
		{
			paragraphs: [m.mail_approval_body({ requester, coalition, revisionNumber, letterTitle }, o), m.mail_approval_how({}, o)],
			quote: personalMessage(requester, details.message),
			action: { label: m.mail_read_and_answer({}, o), url: details.url },
			footer: m.mail_footer({}, o)
		},
		locale
	);
}

/** The coordinators learn that an organisation asked for changes, and what. */
export function changesRequestedMail(
	to: string,
	details: { letterTitle: string; organisation: string; revisionNumber: number; note: string; url: string },
	locale: Locale
): MailMessage {
	const o = { locale };
	const { organisation } = details;
	const letterTitle = titleOf(details.letterTitle, locale);
	const revisionNumber = formatMailNumber(details.revisionNumber, locale);
	return composeMail(
		to,
		m.mail_changes_requested_subject({ organisation, letterTitle }, o),
		{
			paragraphs: [m.mail_changes_requested_body({ organisation, revisionNumber, letterTitle }, o)],
			quote: personalMessage(organisation, details.note),
			action: { label: m.mail_changes_requested_action({}, o), url: details.url },
			footer: m.mail_footer({}, o)
		},
		locale
	);
}

export function reconfirmMail(to: string, details: { organisation: string; letterTitle: string; url: string }, locale: Locale): MailMessage {
	const o = { locale };
	const letterTitle = titleOf(details.letterTitle, locale);
	return composeMail(
		to,
		m.mail_reconfirm_subject({ letterTitle }, o),
		{
			paragraphs: [m.mail_reconfirm_body({ letterTitle, organisation: details.organisation }, o), m.mail_reconfirm_why({}, o)],
			action: { label: m.mail_reconfirm_action({}, o), url: details.url },
			footer: m.mail_footer({}, o)
		},
		locale
	);
}

/** SE7: the coalition's last acting coordinator lost the role; owners of member organisations may appoint one. */
export function coordinatorVacancyMail(to: string, details: { coalition: string; url: string }, locale: Locale): MailMessage {
	const o = { locale };
	const { coalition } = details;
	return composeMail(
		to,
		m.mail_vacancy_subject({ coalition }, o),
		{
			paragraphs: [m.mail_vacancy_body({ coalition }, o), m.mail_vacancy_what_now({}, o)],
			action: { label: m.mail_vacancy_action({}, o), url: details.url },
			footer: m.mail_footer({}, o)
		},
		locale
	);
}

/** Issue 10 point 8: a code proving that the organisation controls the address's domain. No person's name: the owner may sign privately. */
export function domainCodeMail(to: string, details: { organisation: string; domain: string; code: string; minutes: number }, locale: Locale): MailMessage {
	const o = { locale };
	const { organisation, domain } = details;
	return composeMail(
		to,
		m.mail_domain_code_subject({ domain }, o),
		{
			paragraphs: [
				m.mail_domain_code_body({ organisation, domain }, o),
				m.mail_domain_code_how({ count: details.minutes, shown: formatMailNumber(details.minutes, locale) }, o),
				m.mail_domain_code_ignore({}, o)
			],
			code: details.code,
			footer: m.mail_footer({}, o)
		},
		locale
	);
}

/** Leftover of issue 10: new recovery codes replace the old ones. */
export function recoveryCodesRegeneratedMail(to: string, name: string, locale: Locale): MailMessage {
	const o = { locale };
	return composeMail(
		to,
		m.mail_recovery_codes_subject({}, o),
		{ paragraphs: [m.mail_hello({ name }, o), m.mail_recovery_codes_body({}, o), m.mail_not_you_reset_and_tell({}, o)], footer: m.mail_footer({}, o) },
		locale
	);
}

/** The signatory organisations' people learn that a letter they signed is published (queue-publication-notices.ts). */
export function publishedNoticeMail(to: string, details: { editionNumber: number; url: string }, locale: Locale): MailMessage {
	const o = { locale };
	return composeMail(
		to,
		details.editionNumber === 1 ? m.mail_published_subject({}, o) : m.mail_published_new_edition_subject({}, o),
		{
			paragraphs: [m.mail_published_body({}, o), m.mail_published_what_now({}, o)],
			action: { label: m.mail_published_action({}, o), url: details.url },
			footer: m.mail_footer({}, o)
		},
		locale
	);
}

/** A number in a mail, in the reader's digits (Persian digits in Persian and Dari). */
export function formatMailNumber(value: number, locale: Locale): string {
	return new Intl.NumberFormat(mailIntlLocale(locale)).format(value);
}
