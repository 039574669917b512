import { beforeEach, describe, expect, it } from 'vitest';
import { DATABASE_KIND, resetDatabase, testDatabase } from '../helpers/database';
import { seedDemo } from '../../src/lib/server/seed/seed-demo';
import { db } from '../../src/lib/server/db';
import { memberships, organisations, users } from '../../src/lib/server/db/schema';
import { checkCredentials } from '../../src/lib/server/auth/sign-in';
import { DEMO_PASSWORD, DEMO_USERS } from '../../src/lib/server/seed/demo-data';

beforeEach(async () => {
	await testDatabase();
	await resetDatabase();
});

describe(`the development demo (${DATABASE_KIND})`, () => {
	it('seeds people and sixteen organisations in several scripts, and seeding twice changes nothing', async () => {
		await seedDemo();
		const first = {
			users: (await db().select().from(users)).length,
			organisations: await db().select().from(organisations),
			memberships: (await db().select().from(memberships)).length
		};
		await seedDemo();
		expect((await db().select().from(users)).length).toBe(first.users);
		expect((await db().select().from(organisations)).length).toBe(16);
		expect((await db().select().from(memberships)).length).toBe(first.memberships);
		const names = first.organisations.map((o) => o.displayName).join(' ');
		expect(names).toMatch(/[\u0400-\u04FF]/); // Cyrillic
		expect(names).toMatch(/[\u3040-\u30FF\u4E00-\u9FFF]/); // Japanese
		expect(names).toMatch(/[À-ž]/); // Latin with diacritics
		expect(new Set(first.organisations.map((o) => o.country)).size).toBeGreaterThanOrEqual(5);
		const { verifyAuditChain } = await import('../../src/lib/server/audit/verify-audit-chain');
		expect((await verifyAuditChain('demo-letter')).ok).toBe(true);
		expect((await verifyAuditChain('demo-coalition')).ok).toBe(true);
		expect((await verifyAuditChain('demo-published-letter')).ok).toBe(true);
		const { editions } = await import('../../src/lib/server/db/schema');
		const published = await db().select().from(editions);
		expect(published).toHaveLength(1);
		expect(published[0]!.signatureCount).toBe(12);
	});

	it('prints logins that work', async () => {
		await seedDemo();
		const user = await checkCredentials({ email: DEMO_USERS[0].email, password: DEMO_PASSWORD, clientAddress: 'seed-test' });
		expect(user.emailVerified).toBe(true);
	});
});
