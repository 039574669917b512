import { generateHOTP } from '@oslojs/otp';
import { decodeBase32IgnorePadding } from '@oslojs/encoding';

/** The TOTP code of the time step `offset` steps from now (RFC 6238: 30 s, 6 digits), as an app would show it. */
export function totpCode(keyText: string, offset = 0, now = Date.now()): string {
	const step = Math.floor(now / 30_000) + offset;
	return generateHOTP(decodeBase32IgnorePadding(keyText), BigInt(step), 6);
}

/** The key shown as text on the enrolment page. */
export function keyOnPage(html: string): string {
	const match = html.match(/data-testid="totp-key"[^>]*>([A-Z2-7]+)</);
	if (!match?.[1]) throw new Error('no TOTP key on the page');
	return match[1];
}

/** The recovery codes shown once after enrolment. */
export function recoveryCodesOnPage(html: string): string[] {
	return [...html.matchAll(/<code>([A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4})<\/code>/g)].map((m) => m[1]!);
}
