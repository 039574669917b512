/*
 * The test side of the mail capture (mail-server.js): the workers are processes of
 * their own, so they ask its HTTP server for what arrived over SMTP.
 */

export type ReceivedMail = {
	/** envelope recipients, lower-cased */
	to: string[];
	subject: string;
	/** the plain-text part */
	text: string;
	/** the HTML part ('' when none) */
	html: string;
};

export class Mailbox {
	#base: string;

	constructor(base: string) {
		this.#base = base;
	}

	/**
	 * The first message (already received or arriving within `timeoutMs`) sent to
	 * `to` whose subject contains `subject`, the way a person checks their inbox.
	 */
	async waitFor({ to, subject, timeoutMs = 15_000 }: { to: string; subject: string; timeoutMs?: number }): Promise<ReceivedMail> {
		const url = new URL('/wait', this.#base);
		url.search = new URLSearchParams({ to, subject, timeout: String(timeoutMs) }).toString();
		const res = await fetch(url);
		if (res.status === 404) {
			const { seen } = (await res.json()) as { seen: string[] };
			throw new Error(`No mail to ${to} with subject "${subject}" within ${timeoutMs} ms. Received:\n  ${seen.join('\n  ') || '(none)'}`);
		}
		if (!res.ok) throw new Error(`The mail capture answered ${res.status}`);
		return (await res.json()) as ReceivedMail;
	}

	/** Every message received so far. */
	async messages(): Promise<ReceivedMail[]> {
		const res = await fetch(new URL('/messages', this.#base));
		if (!res.ok) throw new Error(`The mail capture answered ${res.status}`);
		return (await res.json()) as ReceivedMail[];
	}
}

/** The first link in a mail's text whose path starts with `pathPrefix` (e.g. '/verify-email/'). */
export function linkIn(mail: ReceivedMail, pathPrefix: string) {
	const pattern = new RegExp(`https?://[^\\s/]+${pathPrefix.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}[^\\s]+`);
	const match = mail.text.match(pattern);
	if (!match) throw new Error(`No link to ${pathPrefix}… in mail "${mail.subject}":\n${mail.text}`);
	return match[0];
}

/** The code of a verification mail ("Your code: XXXXXXXX"). */
export function codeIn(mail: ReceivedMail) {
	const match = mail.text.match(/^Your code: (\S+)$/m);
	if (!match?.[1]) throw new Error(`No code in mail "${mail.subject}":\n${mail.text}`);
	return match[1];
}
