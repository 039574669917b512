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

/**
 * A coalition as the access tests need it: a coordinator (owner of organisation A),
 * organisation B with a signatory and a plain member, and an outsider in an
 * unrelated organisation; plus one draft letter.
 */
export async function createCoalitionScene() {
	const { createCoalition } = await import('../../src/lib/server/coalitions/create-coalition');
	const { createLetter } = await import('../../src/lib/server/letters/create-letter');
	const { coalitionMembers } = await import('../../src/lib/server/db/schema');
	const coordinator = await createUser({ name: 'Coordinator Cora' });
	const signatory = await createUser({ name: 'Signatory Sami' });
	const member = await createUser({ name: 'Member Mona' });
	const outsider = await createUser({ name: 'Outsider Olaf' });
	const orgA = await createOrganisationWith([{ userId: coordinator.id, role: 'owner' }], 'Organisation A');
	const orgB = await createOrganisationWith(
		[
			{ userId: signatory.id, role: 'signatory' },
			{ userId: member.id, role: 'member' }
		],
		'Organisation B'
	);
	await createOrganisationWith([{ userId: outsider.id, role: 'owner' }], 'Unrelated Organisation');
	const { id: coalitionId } = await createCoalition({ actor: coordinator, organisationId: orgA.id, name: 'Steppe Coalition', description: null });
	await db().insert(coalitionMembers).values({ coalitionId, organisationId: orgB.id });
	const { id: letterId, revisionId } = await createLetter({
		actor: coordinator,
		coalitionId,
		settings: {
			primaryLanguage: 'en',
			place: 'Stockholm',
			letterDate: null,
			dateFormat: 'day_month_year',
			visibility: 'coalition',
			ordering: 'alphabetical',
			initiatorsFirst: false
		},
		text: {
			title: 'Open letter on civic freedoms',
			addressees: 'To the Secretary-General of the United Nations',
			body: 'We write as organisations of the diaspora.\n\nWe ask you to:\n\n1. Acknowledge the decline.\n2. Protect journalists.',
			closing: 'Respectfully,\nThe undersigned organisations'
		}
	});
	return { coordinator, signatory, member, outsider, orgA, orgB, coalitionId, letterId, revisionId };
}
