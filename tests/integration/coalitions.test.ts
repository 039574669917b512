import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { DATABASE_KIND, resetDatabase } from '../helpers/database';
import { startTestApp, TestClient, pageText, type TestApp } from '../helpers/app';
import { linkIn } from '../helpers/mail';
import { createCoalitionScene, createOrganisationWith, createUser, signedInClient, uniqueEmail } from '../helpers/factories';
import { db } from '../../src/lib/server/db';
import { coalitionCoordinators, coalitionMembers, coalitions } from '../../src/lib/server/db/schema';
import { verifyAuditChain } from '../../src/lib/server/audit/verify-audit-chain';
import { listAuditEvents } from '../../src/lib/server/audit/list-audit-events';

let app: TestApp;

beforeAll(async () => {
	app = await startTestApp();
});

beforeEach(async () => {
	await resetDatabase();
	app.mail.clear();
});

async function isMember(coalitionId: string, organisationId: string) {
	const rows = await db()
		.select()
		.from(coalitionMembers)
		.where(and(eq(coalitionMembers.coalitionId, coalitionId), eq(coalitionMembers.organisationId, organisationId)));
	return rows.length === 1;
}

async function coordinatorIds(coalitionId: string) {
	return (await db().select().from(coalitionCoordinators).where(eq(coalitionCoordinators.coalitionId, coalitionId))).map((r) => r.userId).sort();
}

describe(`coalitions (${DATABASE_KIND})`, () => {
	it('a signatory starts a coalition for their organisation: it becomes a member and they a coordinator', async () => {
		const user = await createUser();
		const org = await createOrganisationWith([{ userId: user.id, role: 'signatory' }], 'Khöömei Arts Foundation');
		const client = await signedInClient(app, user.email);
		const response = await client.post('/coalitions/new', { name: 'Coalition for Civic Freedoms', organisationId: org.id, description: '' });
		expect(response.status).toBe(303);
		const [coalition] = await db().select().from(coalitions);
		expect(response.location).toBe(`/coalitions/${coalition!.id}`);
		expect(await isMember(coalition!.id, org.id)).toBe(true);
		// Issue 13 point 10: the founding organisation is an initiator from the start.
		const [founder] = await db().select().from(coalitionMembers).where(eq(coalitionMembers.coalitionId, coalition!.id));
		expect(founder!.initiator).toBe(true);
		expect(await coordinatorIds(coalition!.id)).toEqual([user.id]);
		const page = pageText((await client.get(response.location!)).text);
		expect(page).toContain('Coalition for Civic Freedoms');
		const list = pageText((await client.get('/coalitions')).text);
		expect(list).toContain('Coordinator');
		expect(list).toContain('1 organisation · 0 letters');
		expect(page).toContain('Khöömei Arts Foundation');
		const events = await listAuditEvents([coalition!.id]);
		expect(events.map((e) => e.type)).toEqual(['coalition.created', 'coalition.member_added', 'coalition.coordinator_added']);
		expect((await verifyAuditChain(coalition!.id)).ok).toBe(true);
	});

	it('a plain member cannot start a coalition on behalf of the organisation', async () => {
		const user = await createUser();
		const org = await createOrganisationWith([{ userId: user.id, role: 'member' }]);
		const client = await signedInClient(app, user.email);
		const response = await client.post('/coalitions/new', { name: 'Not allowed', organisationId: org.id });
		expect(response.status).toBe(403);
		expect(await db().select().from(coalitions)).toHaveLength(0);
	});

	it('coordinators invite an organisation by e-mail; an owner accepts for the organisation they choose', async () => {
		const scene = await createCoalitionScene();
		const coordinator = await signedInClient(app, scene.coordinator.email);
		const ownerEmail = uniqueEmail('owner');
		const sent = await coordinator.post(`/coalitions/${scene.coalitionId}?/invite`, { email: ownerEmail, message: 'Join us, please.' });
		expect(sent.status).toBe(303);
		expect(pageText((await coordinator.follow(sent)).text)).toContain(`Invitation sent to ${ownerEmail}.`);
		const mail = await app.mail.waitFor(ownerEmail, /invited to join Steppe Coalition/);
		expect(mail.text).toContain('Join us, please.');
		const link = new URL(linkIn(mail, '/coalition-invitations/'));
		const owner = await createUser({ email: ownerEmail });
		const joining = await createOrganisationWith([{ userId: owner.id, role: 'owner' }], 'Чингисийн Өвийн Сан');
		const ownerClient = await signedInClient(app, owner.email);
		expect(pageText((await ownerClient.get(link.pathname)).text)).toContain('Steppe Coalition');
		const accepted = await ownerClient.post(link.pathname, { organisationId: joining.id });
		expect(accepted.status).toBe(303);
		expect(await isMember(scene.coalitionId, joining.id)).toBe(true);
		// Single use.
		expect(pageText((await ownerClient.get(link.pathname)).text)).toContain('already accepted');
		// The new member organisation's people now see the draft.
		expect((await ownerClient.get(`/letters/${scene.letterId}`)).status).toBe(200);
		expect((await verifyAuditChain(scene.coalitionId)).ok).toBe(true);
	});

	it('an invitation cannot be accepted for an organisation one does not own', async () => {
		const scene = await createCoalitionScene();
		const coordinator = await signedInClient(app, scene.coordinator.email);
		const email = uniqueEmail();
		await coordinator.post(`/coalitions/${scene.coalitionId}?/invite`, { email });
		const link = new URL(linkIn(await app.mail.waitFor(email, /invited/), '/coalition-invitations/'));
		const other = await createUser();
		const foreign = await createOrganisationWith([{ userId: other.id, role: 'member' }], 'Foreign');
		const client = await signedInClient(app, other.email);
		expect((await client.post(link.pathname, { organisationId: foreign.id })).status).toBe(403);
		expect(await isMember(scene.coalitionId, foreign.id)).toBe(false);
	});

	it('only coordinators invite, remove organisations and manage coordinators', async () => {
		const scene = await createCoalitionScene();
		const signatory = await signedInClient(app, scene.signatory.email);
		expect((await signatory.post(`/coalitions/${scene.coalitionId}?/invite`, { email: uniqueEmail() })).status).toBe(403);
		expect((await signatory.post(`/coalitions/${scene.coalitionId}?/removeOrganisation`, { organisationId: scene.orgA.id, confirm: 'yes' })).status).toBe(403);
		expect((await signatory.post(`/coalitions/${scene.coalitionId}?/addCoordinator`, { userId: scene.signatory.id })).status).toBe(403);
		expect(await coordinatorIds(scene.coalitionId)).toEqual([scene.coordinator.id]);
		expect(await isMember(scene.coalitionId, scene.orgA.id)).toBe(true);
		expect(app.mail.messages).toHaveLength(0);
		const anonymous = await new TestClient(app).post(`/coalitions/${scene.coalitionId}?/invite`, { email: uniqueEmail() });
		expect(anonymous.status).toBe(303);
	});

	it('coordinators add coordinators among the owners and signatories of member organisations only, and the last one cannot go', async () => {
		const scene = await createCoalitionScene();
		const coordinator = await signedInClient(app, scene.coordinator.email);
		expect((await coordinator.post(`/coalitions/${scene.coalitionId}?/addCoordinator`, { userId: scene.outsider.id })).status).toBe(404);
		expect((await coordinator.post(`/coalitions/${scene.coalitionId}?/removeCoordinator`, { userId: scene.coordinator.id, confirm: 'yes' })).status).toBe(409);
		// A plain member cannot speak for their organisation, so cannot coordinate (AZ7).
		expect((await coordinator.post(`/coalitions/${scene.coalitionId}?/addCoordinator`, { userId: scene.member.id })).status).toBe(404);
		expect((await coordinator.post(`/coalitions/${scene.coalitionId}?/addCoordinator`, { userId: scene.signatory.id })).status).toBe(303);
		expect(await coordinatorIds(scene.coalitionId)).toEqual([scene.coordinator.id, scene.signatory.id].sort());
		expect((await coordinator.post(`/coalitions/${scene.coalitionId}?/removeCoordinator`, { userId: scene.coordinator.id, confirm: 'yes' })).status).toBe(303);
		expect(await coordinatorIds(scene.coalitionId)).toEqual([scene.signatory.id]);
	});

	it('coordinators mark a member organisation verified (who and when recorded); others cannot', async () => {
		const scene = await createCoalitionScene();
		const signatory = await signedInClient(app, scene.signatory.email);
		expect((await signatory.post(`/coalitions/${scene.coalitionId}?/flags`, { organisationId: scene.orgB.id, flag: 'verify' })).status).toBe(403);
		const coordinator = await signedInClient(app, scene.coordinator.email);
		expect((await coordinator.post(`/coalitions/${scene.coalitionId}?/flags`, { organisationId: scene.orgB.id, flag: 'verify' })).status).toBe(303);
		const [row] = await db()
			.select()
			.from(coalitionMembers)
			.where(and(eq(coalitionMembers.coalitionId, scene.coalitionId), eq(coalitionMembers.organisationId, scene.orgB.id)));
		expect(row?.verifiedBy).toBe(scene.coordinator.id);
		expect(row?.verifiedAt).toBeInstanceOf(Date);
		expect(pageText((await coordinator.get(`/coalitions/${scene.coalitionId}`)).text)).toContain('Verified');
	});

	it('removing an organisation also ends the coordinator role of people who were there only through it', async () => {
		const scene = await createCoalitionScene();
		const coordinator = await signedInClient(app, scene.coordinator.email);
		await coordinator.post(`/coalitions/${scene.coalitionId}?/addCoordinator`, { userId: scene.signatory.id });
		expect(await coordinatorIds(scene.coalitionId)).toEqual([scene.coordinator.id, scene.signatory.id].sort());
		expect((await coordinator.post(`/coalitions/${scene.coalitionId}?/removeOrganisation`, { organisationId: scene.orgB.id, confirm: 'yes' })).status).toBe(303);
		expect(await coordinatorIds(scene.coalitionId)).toEqual([scene.coordinator.id]);
		expect((await coordinator.post(`/coalitions/${scene.coalitionId}?/removeOrganisation`, { organisationId: scene.orgA.id, confirm: 'yes' })).status).toBe(409);
	});
});
