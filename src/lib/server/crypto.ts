import { sha256 } from '@oslojs/crypto/sha2';
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from '@oslojs/encoding';

function randomBytes(length: number): Uint8Array {
	const bytes = new Uint8Array(length);
	crypto.getRandomValues(bytes);
	return bytes;
}

/** A random id for rows (AZ5: not guessable, 130 bits). */
export function generateId(): string {
	return encodeBase32LowerCaseNoPadding(randomBytes(16));
}

/** A secret token for cookies and links (160 bits). */
export function generateToken(): string {
	return encodeBase32LowerCaseNoPadding(randomBytes(20));
}

const CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** A short code a person can type from an e-mail: 8 characters, no 0/O or 1/I. */
export function generateCode(): string {
	const bytes = randomBytes(8);
	let code = '';
	for (const byte of bytes) code += CODE_ALPHABET[byte % CODE_ALPHABET.length];
	return code;
}

export function hashSecret(secret: string): string {
	return encodeHexLowerCase(sha256(new TextEncoder().encode(secret)));
}

/** Compares two equal-length strings without an early exit. */
export function constantTimeEqual(a: string, b: string): boolean {
	if (a.length !== b.length) return false;
	let diff = 0;
	for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
	return diff === 0;
}

/** SHA-256 of bytes (a stored PDF, an uploaded file), as lowercase hex. */
export function hashBytes(bytes: Uint8Array): string {
	return encodeHexLowerCase(sha256(bytes));
}
