import { describe, expect, it } from 'vitest';
import { checkPasswordStrength, hashPassword, verifyPassword } from '../../src/lib/server/auth/password';

describe('passwords (AU3)', () => {
	it('hashes with argon2id at 19 MiB and t=2', async () => {
		const hash = await hashPassword('a long enough passphrase');
		expect(hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
		expect(await verifyPassword(hash, 'a long enough passphrase')).toBe(true);
		expect(await verifyPassword(hash, 'a long enough passphrasE')).toBe(false);
		expect(await verifyPassword('not a hash', 'x')).toBe(false);
	});

	it.each([
		['short', 'at least 8'],
		['x'.repeat(257), 'at most 256'],
		['password123', 'most common'],
		['QWERTYUIOP', 'most common'],
		['ada@example.org', 'name or e-mail']
	])('refuses %j', (password, message) => {
		expect(checkPasswordStrength(password, ['ada@example.org'])).toContain(message);
	});

	it.each(['correct horse battery staple', 'Сайн байна уу', '🌿🌿🌿🌿🌿🌿🌿🌿', ' spaces at ends '])('accepts %j', (password) => {
		expect(checkPasswordStrength(password)).toBeUndefined();
	});
});
