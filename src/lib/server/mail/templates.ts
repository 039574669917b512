import type { MailMessage } from './dev-mailbox';

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

/** Builds both parts of a message from one description, so they never drift apart. */
export function composeMail(to: string, subject: string, part: Part): MailMessage {
	const text = [
		...part.paragraphs,
		...(part.quote ? [`Message from ${part.quote.from}:`, part.quote.text.split('\n').map((line) => `> ${line}`.trimEnd()).join('\n')] : []),
		...(part.code ? [`Your code: ${part.code}`] : []),
		...(part.action ? [`${part.action.label}: ${part.action.url}`] : []),
		...(part.footer ? ['--', part.footer] : [])
	].join('\n\n');
	const html = `<!doctype html><html><body style="font-family:system-ui,sans-serif;color:#1b1b1f;line-height:1.5;max-width:36rem">
${part.paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join('\n')}
${part.quote ? `<p>Message from ${escapeHtml(part.quote.from)}:</p><blockquote style="margin:0 0 1rem;padding-left:1rem;border-left:3px solid #ccc;white-space:pre-line">${escapeHtml(part.quote.text)}</blockquote>` : ''}
${part.code ? `<p style="font-size:1.5rem;letter-spacing:0.2em;font-family:monospace"><strong>${escapeHtml(part.code)}</strong></p>` : ''}
${part.action ? `<p><a href="${escapeHtml(part.action.url)}" style="background:#1d4ed8;color:#fff;padding:0.6rem 1rem;border-radius:6px;text-decoration:none">${escapeHtml(part.action.label)}</a></p><p style="font-size:0.85rem;color:#555">Or open this address: ${escapeHtml(part.action.url)}</p>` : ''}
${part.footer ? `<hr><p style="font-size:0.85rem;color:#555">${escapeHtml(part.footer)}</p>` : ''}
</body></html>`;
	return { to, subject, text, html };
}

const FOOTER = 'Undersigned: open letters, signed by organisations.';

export function verificationMail(to: string, name: string, code: string, url: string): MailMessage {
	return composeMail(to, 'Confirm your e-mail address for Undersigned', {
		paragraphs: [
			`Hello ${name},`,
			'Please confirm that this is your e-mail address. Enter the code below on the confirmation page, or use the button. The code and link work for 2 hours.',
			'If you did not ask for this, you can ignore this message.'
		],
		code,
		action: { label: 'Confirm my address', url },
		footer: FOOTER
	});
}

export function alreadyRegisteredMail(to: string, signInUrl: string, resetUrl: string): MailMessage {
	return composeMail(to, 'You already have an Undersigned account', {
		paragraphs: [
			'Someone, perhaps you, tried to create an Undersigned account with this e-mail address. There is already an account for it, so nothing was changed.',
			`If it was you, sign in at ${signInUrl}, or choose a new password at ${resetUrl}.`,
			'If it was not you, you can ignore this message.'
		],
		footer: FOOTER
	});
}

export function passwordResetMail(to: string, name: string, url: string): MailMessage {
	return composeMail(to, 'Choose a new password for Undersigned', {
		paragraphs: [
			`Hello ${name},`,
			'Someone asked to reset the password of your Undersigned account. The link below works once, for 1 hour. Choosing a new password signs you out everywhere.',
			'If you did not ask for this, ignore this message: your password stays as it is.'
		],
		action: { label: 'Choose a new password', url },
		footer: FOOTER
	});
}

export function emailChangeNoticeMail(to: string, name: string): MailMessage {
	return composeMail(to, 'Your Undersigned e-mail address is changing', {
		paragraphs: [
			`Hello ${name},`,
			'Someone signed in to your Undersigned account asked to move it to another e-mail address. The change takes effect only when the new address is confirmed.',
			'If this was not you, change your password now; that signs out every session.'
		],
		footer: FOOTER
	});
}

export function passwordChangedMail(to: string, name: string): MailMessage {
	return composeMail(to, 'Your Undersigned password was changed', {
		paragraphs: [
			`Hello ${name},`,
			'The password of your Undersigned account was just changed, and your other sessions were signed out.',
			'If this was not you, reset your password at once from the sign-in page.'
		],
		footer: FOOTER
	});
}

export function twoFactorChangedMail(to: string, name: string, enabled: boolean): MailMessage {
	return composeMail(to, enabled ? 'Two-factor sign-in is on for your Undersigned account' : 'Two-factor sign-in was turned off for your Undersigned account', {
		paragraphs: [
			`Hello ${name},`,
			enabled
				? 'Signing in to your Undersigned account now also asks for a code from your authenticator app (or one of your recovery codes).'
				: 'Signing in to your Undersigned account no longer asks for a code from an authenticator app.',
			'If this was not you, reset your password at once from the sign-in page and tell your organisation.'
		],
		footer: FOOTER
	});
}

export function invitationMail(
	to: string,
	details: { organisation: string; inviter: string; role: string; message: string | null; url: string; expires: string }
): MailMessage {
	return composeMail(to, `Join ${details.organisation} on Undersigned`, {
		paragraphs: [
			`${details.inviter} invites you to join ${details.organisation} on Undersigned as ${details.role}.`,
			`Undersigned is where coalitions of organisations write open letters together and sign them. The invitation works once, until ${details.expires}. If you have no account yet, you can create one from the link.`,
			'If you do not know this organisation, you can ignore this message.'
		],
		quote: personalMessage(details.inviter, details.message),
		action: { label: 'See the invitation', url: details.url },
		footer: FOOTER
	});
}

export function coalitionInvitationMail(
	to: string,
	details: { coalition: string; inviter: string; message: string | null; url: string; expires: string }
): MailMessage {
	return composeMail(to, `Your organisation is invited to join ${details.coalition}`, {
		paragraphs: [
			`${details.inviter} invites your organisation to join the coalition “${details.coalition}” on Undersigned, to draft open letters together.`,
			`An owner of the organisation accepts, choosing which organisation joins; if it is not on Undersigned yet, you can create it first. The invitation works once, until ${details.expires}.`,
			'If you do not know this coalition, you can ignore this message.'
		],
		quote: personalMessage(details.inviter, details.message),
		action: { label: 'See the invitation', url: details.url },
		footer: FOOTER
	});
}

export function signatureReceiptMail(
	to: string,
	details: { organisation: string; letterTitle: string; signerName: string; signedAt: string; textHash: string; url: string; forOwner: boolean }
): MailMessage {
	const paragraphs = details.forOwner
		? [
				`${details.signerName} signed the letter “${details.letterTitle}” on behalf of ${details.organisation}, at ${details.signedAt} (UTC).`,
				'You receive this because you are an owner of the organisation. If nobody was entitled to sign this in its name, revoke the signature with the button below; it disappears from the letter at once.'
			]
		: [
				`You signed the letter “${details.letterTitle}” on behalf of ${details.organisation}, at ${details.signedAt} (UTC).`,
				'You can withdraw the signature until the letter is published.'
			];
	return composeMail(to, `Receipt: ${details.organisation} signed “${details.letterTitle}”`, {
		paragraphs: [...paragraphs, `The text signed has the SHA-256 hash ${details.textHash}.`],
		action: { label: details.forOwner ? 'Review or revoke the signature' : 'See your signature', url: details.url },
		footer: FOOTER
	});
}

export function signInvitationMail(
	to: string,
	details: { letterTitle: string; coalition: string; inviter: string; message: string | null; url: string; deadline: string | null }
): MailMessage {
	return composeMail(to, `Invitation to sign “${details.letterTitle}”`, {
		paragraphs: [
			`${details.inviter}, for the coalition “${details.coalition}”, invites your organisation to sign the open letter “${details.letterTitle}”.`,
			'A signatory or owner of the organisation signs on its behalf, after reading the text. If your organisation is not on Undersigned yet, you can create it from the link.',
			...(details.deadline ? [`Signatures are collected until ${details.deadline}.`] : [])
		],
		quote: personalMessage(details.inviter, details.message),
		action: { label: 'Read and sign', url: details.url },
		footer: FOOTER
	});
}

export function signReminderMail(
	to: string,
	details: { letterTitle: string; coalition: string; sender: string; message: string | null; url: string; deadline: string | null }
): MailMessage {
	return composeMail(to, `Reminder: “${details.letterTitle}” is waiting for your organisation`, {
		paragraphs: [
			`The coalition “${details.coalition}” is still waiting for your organisation's answer on the open letter “${details.letterTitle}”.`,
			...(details.deadline ? [`Signatures are collected until ${details.deadline}.`] : []),
			'You can sign, or tell the coordinators that your organisation will not sign.'
		],
		quote: personalMessage(details.sender, details.message),
		action: { label: 'Read and answer', url: details.url },
		footer: FOOTER
	});
}

/** Issue 13 point 4: a drafting organisation is asked to approve the final text. */
export function approvalRequestMail(
	to: string,
	details: { letterTitle: string; coalition: string; requester: string; revisionNumber: number; message: string | null; url: string }
): MailMessage {
	return composeMail(to, `Please approve the text of “${details.letterTitle}”`, {
		paragraphs: [
			`${details.requester}, for the coalition “${details.coalition}”, asks your organisation to approve revision ${details.revisionNumber} of the open letter “${details.letterTitle}” before it is opened for signatures.`,
			'An owner or signatory of your organisation reads the text and approves it, or asks for changes. If the text is edited afterwards, the approval no longer applies and you may be asked again.'
		],
		quote: personalMessage(details.requester, details.message),
		action: { label: 'Read and answer', url: details.url },
		footer: FOOTER
	});
}

/** The coordinators learn that an organisation asked for changes, and what. */
export function changesRequestedMail(to: string, details: { letterTitle: string; organisation: string; revisionNumber: number; note: string; url: string }): MailMessage {
	return composeMail(to, `${details.organisation} asks for changes to “${details.letterTitle}”`, {
		paragraphs: [`${details.organisation} did not approve revision ${details.revisionNumber} of “${details.letterTitle}” and asks for changes.`],
		quote: personalMessage(details.organisation, details.note),
		action: { label: 'See the approvals', url: details.url },
		footer: FOOTER
	});
}

export function reconfirmMail(to: string, details: { organisation: string; letterTitle: string; url: string }): MailMessage {
	return composeMail(to, `Please confirm your signature again: “${details.letterTitle}” was amended`, {
		paragraphs: [
			`The coordinators amended the text of “${details.letterTitle}” after ${details.organisation} signed it.`,
			'Your signature stays bound to the text you signed and does not count for the amended text until you confirm it. Read the changes and confirm with one click (and your password).'
		],
		action: { label: 'Read the changes and confirm', url: details.url },
		footer: FOOTER
	});
}

/** SE7: the coalition's last acting coordinator lost the role; owners of member organisations may appoint one. */
export function coordinatorVacancyMail(to: string, details: { coalition: string; url: string }): MailMessage {
	return composeMail(to, `“${details.coalition}” has no coordinator`, {
		paragraphs: [
			`The coalition “${details.coalition}” no longer has a coordinator: the last one is no longer an owner or signatory of any of its member organisations.`,
			'Until someone is appointed, nobody can open, close, publish or send its letters. As an owner of a member organisation, you may appoint a coordinator from the people of the member organisations on the coalition’s page.'
		],
		action: { label: 'Appoint a coordinator', url: details.url },
		footer: FOOTER
	});
}

/** Issue 10 point 8: a code proving that the organisation controls the address's domain. No person's name: the owner may sign privately. */
export function domainCodeMail(to: string, details: { organisation: string; domain: string; code: string; minutes: number }): MailMessage {
	return composeMail(to, `Code to verify ${details.domain} on Undersigned`, {
		paragraphs: [
			`An owner of the organisation "${details.organisation}" on Undersigned wants to show that the organisation controls the domain ${details.domain}, and chose this address to receive a code.`,
			`Give the code below to the owner, or enter it on the organisation's page on Undersigned. It works for ${details.minutes} minutes.`,
			'If you do not know this organisation or did not expect this, do not pass the code on; you can ignore this message.'
		],
		code: details.code,
		footer: FOOTER
	});
}

/** Leftover of issue 10: new recovery codes replace the old ones. */
export function recoveryCodesRegeneratedMail(to: string, name: string): MailMessage {
	return composeMail(to, 'New recovery codes for your Undersigned account', {
		paragraphs: [
			`Hello ${name},`,
			'New recovery codes were made for your Undersigned account. The old ones no longer work.',
			'If this was not you, reset your password at once from the sign-in page and tell your organisation.'
		],
		footer: FOOTER
	});
}
