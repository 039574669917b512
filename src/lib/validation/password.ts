import { m } from '$lib/paraglide/messages.js';
import { COMMON_PASSWORDS } from './common-passwords';

/** Returns a message for a password we will not accept, or undefined. */
export function checkPasswordStrength(password: string, context: string[] = []): string | undefined {
	const length = [...password].length;
	if (length < 8) return m.val_password_too_short();
	if (length > 256) return m.val_password_too_long();
	const lower = password.toLowerCase();
	if (COMMON_PASSWORDS.has(lower)) return m.val_password_common();
	if (context.some((word) => word.length >= 4 && lower === word.toLowerCase())) {
		return m.val_password_personal();
	}
	return undefined;
}
