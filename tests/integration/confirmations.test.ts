import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { DATABASE_KIND, resetDatabase } from '../helpers/database';
import { pageText, startTestApp, type TestApp, type TestClient } from '../helpers/app';
import { createCoalitionScene, createOrganisationWith, createUser, signedInClient } from '../helpers/factories';
import { db } from '../../src/lib/server/db';
import { auditEvents, coalitionCoordinators, coalitionMembers, letterComments, letters, memberships, recipients, signingInvitations } from '../../src/lib/server/db/schema';
import { addRecipient } from '../../src/lib/server/distribution/add-recipient';

/*
 * Issue 13, point 7: nothing destructive in one click. Each destructive action acts
 * only on a POST carrying confirm=yes; the first POST (what a click without
 * JavaScript, a hurried script or a forged form sends) answers 428 with the form in
 * its confirm state, naming the consequence, and writes nothing: no row, no audit entry.
 */

let app: TestApp;
let scene: Awaited<ReturnType<typeof createCoalitionScene>>;

beforeAll(async () => {
	app = await startTestApp();
});

beforeEach(async () => {
	await resetDatabase();
	app.mail.clear();
	scene = await createCoalitionScene();
});

const auditCount = async () => (await db().select({ seq: auditEvents.seq }).from(auditEvents)).length;

interface Case {
	name: string;
	/** Sets the scene up; returns who acts, where they post, what, and how to tell it was done. */
	arrange: () => Promise<{ client: TestClient; path: string; fields: Record<string, string>; acted: () => Promise<boolean>; consequence: string }>;
}

const coordinatorClient = () => signedInClient(app, scene.coordinator.email);

const cases: Case[] = [
	{
		name: 'removing an organisation from a coalition',
		arrange: async () => ({
			client: await coordinatorClient(),
			path: `/coalitions/${scene.coalitionId}?/removeOrganisation`,
			fields: { organisationId: scene.orgB.id },
			acted: async () =>
				(await db().select().from(coalitionMembers).where(and(eq(coalitionMembers.coalitionId, scene.coalitionId), eq(coalitionMembers.organisationId, scene.orgB.id)))).length === 0,
			consequence: 'Remove Organisation B from the coalition?'
		})
	},
	{
		name: 'removing a coordinator',
		arrange: async () => {
			await db().insert(coalitionCoordinators).values({ coalitionId: scene.coalitionId, userId: scene.signatory.id });
			return {
				client: await coordinatorClient(),
				path: `/coalitions/${scene.coalitionId}?/removeCoordinator`,
				fields: { userId: scene.signatory.id },
				acted: async () => (await db().select().from(coalitionCoordinators).where(eq(coalitionCoordinators.userId, scene.signatory.id))).length === 0,
				consequence: 'Remove Signatory Sami as coordinator?'
			};
		}
	},
	{
		name: 'removing a member of an organisation',
		arrange: async () => {
			const owner = await createUser({ name: 'Owner Oyun' });
			const member = await createUser({ name: 'Member Bat' });
			const org = await createOrganisationWith([
				{ userId: owner.id, role: 'owner' },
				{ userId: member.id, role: 'signatory' }
			]);
			return {
				client: await signedInClient(app, owner.email),
				path: `/organisations/${org.id}?/remove`,
				fields: { userId: member.id },
				acted: async () => (await db().select().from(memberships).where(eq(memberships.userId, member.id))).length === 0,
				consequence: 'Remove Member Bat from the organisation?'
			};
		}
	},
	{
		name: 'deleting a comment',
		arrange: async () => {
			const client = await coordinatorClient();
			expect((await client.post(`/letters/${scene.letterId}?/comment`, { body: 'Paragraph two is too long.' })).status).toBe(303);
			const [comment] = await db().select().from(letterComments);
			return {
				client,
				path: `/letters/${scene.letterId}?/deleteComment`,
				fields: { commentId: comment!.id },
				acted: async () => (await db().select().from(letterComments).where(eq(letterComments.id, comment!.id)))[0]?.body !== 'Paragraph two is too long.',
				consequence: 'Delete this comment?'
			};
		}
	},
	{
		name: 'opening for signatures (freezes the text)',
		arrange: async () => ({
			client: await coordinatorClient(),
			path: `/letters/${scene.letterId}/signing?/open`,
			fields: { deadline: '', timeZone: 'UTC' },
			acted: async () => (await db().select().from(letters).where(eq(letters.id, scene.letterId)))[0]?.state === 'open',
			consequence: 'Open for signatures?'
		})
	},
	{
		name: 'declining to sign',
		arrange: async () => {
			const coordinator = await coordinatorClient();
			expect((await coordinator.post(`/letters/${scene.letterId}/signing?/open`, { confirm: 'yes' })).status).toBe(303);
			expect((await coordinator.post(`/letters/${scene.letterId}/signing?/inviteMembers`, {})).status).toBe(303);
			return {
				client: await signedInClient(app, scene.signatory.email),
				path: `/letters/${scene.letterId}/sign?/decline`,
				fields: { organisationId: scene.orgB.id },
				acted: async () =>
					(await db().select().from(signingInvitations).where(eq(signingInvitations.organisationId, scene.orgB.id)))[0]?.declinedAt != null,
				consequence: 'Decline to sign?'
			};
		}
	},
	{
		name: 'removing a recipient',
		arrange: async () => {
			const { id } = await addRecipient({
				actor: scene.coordinator,
				letterId: scene.letterId,
				recipient: { name: 'Minister Ana', title: null, organisation: null, email: 'ana@ministry.example', postalAddress: null, language: null }
			});
			return {
				client: await coordinatorClient(),
				path: `/letters/${scene.letterId}/recipients?/remove`,
				fields: { recipientId: id },
				acted: async () => (await db().select().from(recipients).where(eq(recipients.id, id))).length === 0,
				consequence: 'Remove Minister Ana?'
			};
		}
	}
];

describe(`confirmation of destructive actions (${DATABASE_KIND})`, () => {
	it.each(cases)('$name: a POST without confirm=yes acts not and asks, naming the consequence; with it, acts', async ({ arrange }) => {
		const { client, path, fields, acted, consequence } = await arrange();
		const before = await auditCount();
		// Hurried or forged: no field, a wrong value, a value with the wrong case, a checkbox's "on".
		for (const confirm of [undefined, '', 'no', 'YES', 'on', 'true']) {
			const response = await client.post(path, confirm === undefined ? fields : { ...fields, confirm });
			expect(response.status, `confirm=${confirm}`).toBe(428);
			expect(await acted(), `confirm=${confirm}`).toBe(false);
		}
		expect(await auditCount(), 'no audit entry either').toBe(before);

		// Without JavaScript the page comes back in its confirm state: the question, the
		// button that sends confirm=yes, and a way back.
		const asked = await client.post(path, fields);
		expect(pageText(asked.text)).toContain(consequence);
		expect(asked.text).toMatch(/<button[^>]*name="confirm"[^>]*value="yes"[^>]*autofocus/);
		expect(asked.text).toMatch(/<a href="[^"?]*">Cancel<\/a>/);

		const confirmed = await client.post(path, { ...fields, confirm: 'yes' });
		expect(confirmed.status).toBe(303);
		expect(await acted()).toBe(true);
	});

	it('someone who may not act is refused with confirm=yes too, and nothing changes', async () => {
		const member = await signedInClient(app, scene.member.email);
		const response = await member.post(`/coalitions/${scene.coalitionId}?/removeOrganisation`, { organisationId: scene.orgA.id, confirm: 'yes' });
		expect(response.status).toBe(403);
		expect((await db().select().from(coalitionMembers).where(eq(coalitionMembers.coalitionId, scene.coalitionId))).length).toBe(2);
	});
});
