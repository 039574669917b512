import { describe, expect, it } from 'vitest';
import { parseSettings, SettingsError } from '../../src/lib/server/env';

describe('settings', () => {
	it('has defaults that need no server', () => {
		const s = parseSettings({});
		expect(s.databaseUrl).toBeUndefined();
		expect(s.smtpUrl).toBeUndefined();
		expect(s.dataDir).toMatch(/\.data$/);
	});

	it('reads every setting', () => {
		const s = parseSettings({
			DATABASE_URL: 'postgres://u@db:5432/letters',
			ORIGIN: 'https://letters.example.org',
			SMTP_URL: 'smtps://user:pass@mail.example.org:465',
			MAIL_FROM: 'Undersigned <letters@example.org>',
			DATA_DIR: '/var/lib/undersigned'
		});
		expect(s).toMatchObject({
			databaseUrl: 'postgres://u@db:5432/letters',
			origin: 'https://letters.example.org',
			mailFrom: 'Undersigned <letters@example.org>',
			dataDir: '/var/lib/undersigned'
		});
	});

	it.each([
		[{ DATABASE_URL: 'mysql://x' }, 'DATABASE_URL'],
		[{ DATABASE_URL: 'not a url' }, 'DATABASE_URL'],
		[{ ORIGIN: 'letters.example.org' }, 'ORIGIN'],
		[{ ORIGIN: 'https://letters.example.org/app' }, 'ORIGIN'],
		[{ SMTP_URL: 'http://mail' }, 'SMTP_URL'],
		[{ MAIL_FROM: 'nobody' }, 'MAIL_FROM'],
		[{ TOTP_ENCRYPTION_KEY: 'too short' }, 'TOTP_ENCRYPTION_KEY'],
		[{ TOTP_ENCRYPTION_KEY: 'z'.repeat(64) }, 'TOTP_ENCRYPTION_KEY']
	])('stops start-up on a bad value: %j', (env, name) => {
		let caught: unknown;
		try {
			parseSettings(env);
		} catch (error) {
			caught = error;
		}
		expect(caught).toBeInstanceOf(SettingsError);
		expect((caught as Error).message).toContain(name);
	});

	it('reads the TOTP encryption key as 32 bytes of hex, and leaves it unset by default', () => {
		expect(parseSettings({}).totpEncryptionKey).toBeUndefined();
		const key = parseSettings({ TOTP_ENCRYPTION_KEY: 'A0'.repeat(32) }).totpEncryptionKey;
		expect(key).toHaveLength(32);
		expect(key![0]).toBe(0xa0);
	});

	it('lists every problem at once', () => {
		expect(() => parseSettings({ DATABASE_URL: 'x', SMTP_URL: 'y' })).toThrow(/DATABASE_URL[\s\S]*SMTP_URL/);
	});
});
