import { composeMail } from '../mail/templates';
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

function longDate(isoDate: string): string {
	const date = new Date(`${isoDate}T00:00:00Z`);
	if (Number.isNaN(date.getTime())) return isoDate;
	return new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(date);
}

/**
 * The message a recipient gets with the PDF. The cover message is the coordinators'
 * own words; every line of it becomes a paragraph, so its line breaks survive in the
 * HTML part, where composeMail escapes it. Only organisations are named (PR1). The
 * footer carries the unsubscribe link in plain text (AV6) for clients that hide headers.
 */
export function distributionMail(to: string, d: DistributionMailDetails): MailMessage {
	const organisations = `${d.signatureCount} organisation${d.signatureCount === 1 ? '' : 's'}`;
	const subject = d.editionNumber > 1 ? `${d.title} (edition ${d.editionNumber})` : d.title;
	return composeMail(to, subject, {
		paragraphs: [
			`Dear ${d.recipientName},`,
			...d.coverMessage.split('\n').filter((line) => line.trim() !== ''),
			`Attached is the open letter “${d.title}”, dated ${longDate(d.letterDate)} and signed by ${organisations}${d.editionNumber > 1 ? ` (edition ${d.editionNumber})` : ''}.`,
			`Anyone can check on its verification page that a copy of the PDF is exactly the published letter, and see who signed it. Verification code: ${d.verificationCode}.`
		],
		action: { label: 'Verify the letter', url: d.verificationUrl },
		footer: [
			`Sent on behalf of ${d.coalition} with Undersigned.`,
			`To get no more letters sent through this service, open ${d.unsubscribeUrl}`,
			d.complaintsAddress ? `To report this message as unwanted, write to ${d.complaintsAddress}.` : ''
		]
			.filter(Boolean)
			.join(' ')
	});
}
