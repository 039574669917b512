import { m } from '$lib/paraglide/messages.js';
import { LINK_LANGUAGE_PARAMETER, type Locale } from '$lib/i18n/locales';
import { composeMail, formatMailNumber } from '../mail/templates';
import { mailIntlLocale } from '../mail/reader-locale';
import type { MailMessage } from '../mail/dev-mailbox';

export interface DistributionMailDetails {
	recipientName: string;
	coverMessage: string;
	title: string;
	editionNumber: number;
	/** YYYY-MM-DD, the date printed on the letter. */
	letterDate: string;
	signatureCount: number;
	coalition: string;
	verificationUrl: string;
	verificationCode: string;
	/** AV6: the link that stops further letters to this address (also sent as List-Unsubscribe). */
	unsubscribeUrl: string;
	/** MAIL_COMPLAINTS_ADDRESS, when the instance has one. */
	complaintsAddress?: string;
}

function longDate(isoDate: string, locale: Locale): string {
	const date = new Date(`${isoDate}T00:00:00Z`);
	if (Number.isNaN(date.getTime())) return isoDate;
	return new Intl.DateTimeFormat(mailIntlLocale(locale), { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(date);
}

/**
 * The message a recipient gets with the PDF, in the recipient's language (issue 14): the
 * letter itself (its title, the PDF) stays in the language it was published in. The
 * cover message is the coordinators' own words; every line of it becomes a paragraph,
 * so its line breaks survive in the HTML part, where composeMail escapes it. Only
 * organisations are named (PR1). The footer carries the unsubscribe link in plain text
 * (AV6) for clients that hide headers.
 */
export function distributionMail(to: string, d: DistributionMailDetails, locale: Locale): MailMessage {
	const o = { locale };
	const { title } = d;
	const edition = formatMailNumber(d.editionNumber, locale);
	const organisations = m.mail_distribution_organisations({ count: d.signatureCount, shown: formatMailNumber(d.signatureCount, locale) }, o);
	const date = longDate(d.letterDate, locale);
	// Appended rather than parsed (linkInLanguage): the preview's placeholder link ends in "…",
	// which parsing would percent-encode, and an unsubscribe link has no query of its own.
	const unsubscribeUrl = `${d.unsubscribeUrl}?${LINK_LANGUAGE_PARAMETER}=${locale}`;
	const subject = d.editionNumber > 1 ? m.mail_distribution_subject_edition({ title, edition }, o) : title;
	return composeMail(
		to,
		subject,
		{
			paragraphs: [
				m.mail_distribution_dear({ name: d.recipientName }, o),
				...d.coverMessage.split('\n').filter((line) => line.trim() !== ''),
				d.editionNumber > 1
					? m.mail_distribution_attached_edition({ title, date, organisations, edition }, o)
					: m.mail_distribution_attached({ title, date, organisations }, o),
				m.mail_distribution_verify_how({ code: d.verificationCode }, o)
			],
			action: { label: m.mail_distribution_action({}, o), url: d.verificationUrl },
			footer: [
				m.mail_distribution_sent_for({ coalition: d.coalition }, o),
				m.mail_distribution_unsubscribe({ url: unsubscribeUrl }, o),
				d.complaintsAddress ? m.mail_distribution_complaints({ address: d.complaintsAddress }, o) : ''
			]
				.filter(Boolean)
				.join(' ')
		},
		locale
	);
}
