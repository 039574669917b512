import { db } from '../../src/lib/server/db';
import { memberships, organisations, users, type OrganisationRole } from '../../src/lib/server/db/schema';
import { generateId } from '../../src/lib/server/crypto';
import { hashPassword } from '../../src/lib/server/auth/password';
import { TestClient, type TestApp } from './app';

export const PASSWORD = 'correct horse battery staple';
let cachedHash: Promise<string> | undefined;
let counter = 0;

export function uniqueEmail(label = 'person'): string {
	counter += 1;
	return `${label}-${counter}-${generateId().slice(0, 6)}@example.org`;
}

export async function createUser(options: { name?: string; email?: string; verified?: boolean } = {}) {
	cachedHash ??= hashPassword(PASSWORD);
	const user = {
		id: generateId(),
		name: options.name ?? 'Test Person',
		email: (options.email ?? uniqueEmail()).toLowerCase(),
		emailVerified: options.verified ?? true,
		passwordHash: await cachedHash
	};
	await db().insert(users).values(user);
	return user;
}

export async function createOrganisationWith(members: { userId: string; role: OrganisationRole }[], name = 'Test Organisation') {
	const id = generateId();
	await db().insert(organisations).values({ id, displayName: name, country: 'SE' });
	if (members.length > 0) await db().insert(memberships).values(members.map((m) => ({ organisationId: id, ...m })));
	return { id, displayName: name };
}

/** A client signed in through the real sign-in form. */
export async function signedInClient(app: TestApp, email: string, password = PASSWORD): Promise<TestClient> {
	const client = new TestClient(app);
	const response = await client.post('/sign-in', { email, password });
	if (response.status !== 303) throw new Error(`sign-in failed with ${response.status}`);
	return client;
}
