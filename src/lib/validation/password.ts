import { COMMON_PASSWORDS } from './common-passwords';

/** Returns a message for a password we will not accept, or undefined. */
export function checkPasswordStrength(password: string, context: string[] = []): string | undefined {
	const length = [...password].length;
	if (length < 8) return 'Use at least 8 characters.';
	if (length > 256) return 'Use at most 256 characters.';
	const lower = password.toLowerCase();
	if (COMMON_PASSWORDS.has(lower)) return 'This password is among the most common ones; choose another.';
	if (context.some((word) => word.length >= 4 && lower === word.toLowerCase())) {
		return 'Do not use your name or e-mail address as the password.';
	}
	return undefined;
}
