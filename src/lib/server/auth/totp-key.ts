import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { decodeBase64, encodeBase64 } from '@oslojs/encoding';
import { settings } from '../env';

/**
 * TOTP keys at rest. With TOTP_ENCRYPTION_KEY set, a key is stored as
 * `v1:<base64 of IV, ciphertext, GCM tag>` (AES-256-GCM, the user id as associated
 * data, so a row copied onto another account does not decrypt). Without it the key is
 * stored as `plain:<base64>` and the server warns at start; setting the variable later
 * encrypts keys enrolled from then on, and plain ones keep working.
 */
export function sealTotpKey(key: Uint8Array, userId: string, secret = settings().totpEncryptionKey): string {
	if (!secret) return `plain:${encodeBase64(key)}`;
	const iv = randomBytes(12);
	const cipher = createCipheriv('aes-256-gcm', secret, iv);
	cipher.setAAD(Buffer.from(userId, 'utf8'));
	const body = Buffer.concat([cipher.update(key), cipher.final()]);
	return `v1:${encodeBase64(Buffer.concat([iv, body, cipher.getAuthTag()]))}`;
}

export function openTotpKey(stored: string, userId: string, secret = settings().totpEncryptionKey): Uint8Array {
	if (stored.startsWith('plain:')) return decodeBase64(stored.slice('plain:'.length));
	if (!stored.startsWith('v1:')) throw new Error('unknown TOTP key format');
	if (!secret) throw new Error('a TOTP key is encrypted but TOTP_ENCRYPTION_KEY is not set');
	const bytes = Buffer.from(decodeBase64(stored.slice(3)));
	const decipher = createDecipheriv('aes-256-gcm', secret, bytes.subarray(0, 12));
	decipher.setAAD(Buffer.from(userId, 'utf8'));
	decipher.setAuthTag(bytes.subarray(bytes.length - 16));
	return new Uint8Array(Buffer.concat([decipher.update(bytes.subarray(12, bytes.length - 16)), decipher.final()]));
}
