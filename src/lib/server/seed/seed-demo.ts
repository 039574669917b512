import { db } from '../db';
import { memberships, organisations, users } from '../db/schema';
import { hashPassword } from '../auth/password';
import { log } from '../log';
import { DEMO_ORGANISATIONS, DEMO_PASSWORD, DEMO_USERS } from './demo-data';
import { seedDemoCoalition } from './seed-demo-coalition';
import { seedDemoPublishedLetter } from './seed-demo-published';

/**
 * Seeds the development demo. Idempotent: fixed ids and ON CONFLICT DO NOTHING, so
 * running it again changes nothing and never overwrites what a developer edited.
 * Called only under `npm run dev` (see hooks/init.ts), never in production.
 */
export async function seedDemo(origin = 'http://localhost:5173'): Promise<void> {
	const passwordHash = await hashPassword(DEMO_PASSWORD);
	const insertedUsers = await db()
		.insert(users)
		.values(DEMO_USERS.map((user) => ({ ...user, emailVerified: true, passwordHash })))
		.onConflictDoNothing()
		.returning({ id: users.id });
	await db()
		.insert(organisations)
		.values(DEMO_ORGANISATIONS.map(({ members: _members, otherNames, ...organisation }) => ({ ...organisation, otherNames: otherNames ?? [] })))
		.onConflictDoNothing();
	await db()
		.insert(memberships)
		.values(
			DEMO_ORGANISATIONS.flatMap((organisation) =>
				organisation.members.map(([userId, role]) => ({ organisationId: organisation.id, userId, role }))
			)
		)
		.onConflictDoNothing();
	await seedDemoCoalition();
	await seedDemoPublishedLetter(origin);
	if (insertedUsers.length > 0) log.info(`demo: seeded ${DEMO_USERS.length} people and ${DEMO_ORGANISATIONS.length} organisations`);
	console.log(
		[
			'',
			'  Demo logins (development only; password for all: ' + DEMO_PASSWORD + ')',
			...DEMO_USERS.map((user) => `    ${user.email.padEnd(32)} ${user.name}`),
			''
		].join('\n')
	);
}
