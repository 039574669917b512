import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { and, asc, eq, inArray } from 'drizzle-orm';
import { DATABASE_KIND, resetDatabase } from '../helpers/database';
import { startTestApp, pageText, type TestApp } from '../helpers/app';
import { createCoalitionScene, createOrganisationWith, createUser, PASSWORD, signedInClient, uniqueEmail } from '../helpers/factories';
import { linkIn } from '../helpers/mail';
import { db } from '../../src/lib/server/db';
import {
	auditEvents,
	coalitionCoordinators,
	coalitionMembers,
	letterComments,
	letters,
	memberships,
	outboxMessages,
	sessions,
	signatures,
	signingInvitations,
	type OrganisationRole
} from '../../src/lib/server/db/schema';
import { createLetter } from '../../src/lib/server/letters/create-letter';
import { createCoalition } from '../../src/lib/server/coalitions/create-coalition';
import { openSigning } from '../../src/lib/server/signing/open-signing';
import { closeSigning } from '../../src/lib/server/signing/close-signing';
import { amendSigningText } from '../../src/lib/server/signing/amend-signing-text';
import { signLetter } from '../../src/lib/server/signatures/sign-letter';
import { saveRevision } from '../../src/lib/server/letters/save-revision';
import { findHeadRevision } from '../../src/lib/server/letters/revisions';
import { verifyAuditChain } from '../../src/lib/server/audit/verify-audit-chain';
import { maskAddress } from '../../src/lib/server/invitations/invited-address';
import type { Session } from '../../src/lib/server/auth/session';

let app: TestApp;

beforeAll(async () => {
	app = await startTestApp();
});

beforeEach(async () => {
	await resetDatabase();
	app.mail.clear();
});

const freshSession = (userId: string): Session => ({ id: 'test', userId, expiresAt: new Date(Date.now() + 1e9), authenticatedAt: new Date(), createdAt: new Date(), twoFactorPending: false });

async function newLetter(actor: { id: string }, coalitionId: string, title: string) {
	const { id } = await createLetter({
		actor,
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
		text: { title, addressees: 'To the Secretary-General', body: 'We write as organisations of the diaspora.', closing: 'Respectfully' }
	});
	return id;
}

async function sign(user: { id: string }, letterId: string, organisationId: string, hash: string, signerNamePublic = false) {
	return signLetter({
		actor: user,
		session: freshSession(user.id),
		letterId,
		organisationId,
		textHash: hash,
		signerTitle: null,
		signerNamePublic,
		statement: null,
		password: null,
		clientAddress: 'test',
		origin: app.origin
	});
}

/** Every row a refused action could have changed, audit entries aside. */
async function snapshot() {
	const [sigs, lets, comments, coordinators, invitations, outbox, members, coalitionOrgs] = await Promise.all([
		db().select({ id: signatures.id, status: signatures.status, text: signatures.signingTextId }).from(signatures).orderBy(asc(signatures.id)),
		db().select({ id: letters.id, state: letters.state, text: letters.signingTextId }).from(letters).orderBy(asc(letters.id)),
		db().select({ id: letterComments.id }).from(letterComments).orderBy(asc(letterComments.id)),
		db().select().from(coalitionCoordinators).orderBy(asc(coalitionCoordinators.userId)),
		db().select({ id: signingInvitations.id, org: signingInvitations.organisationId, reminded: signingInvitations.lastRemindedAt }).from(signingInvitations).orderBy(asc(signingInvitations.id)),
		db().select({ id: outboxMessages.id }).from(outboxMessages).orderBy(asc(outboxMessages.id)),
		db().select().from(memberships).orderBy(asc(memberships.userId), asc(memberships.organisationId)),
		db().select({ org: coalitionMembers.organisationId }).from(coalitionMembers).orderBy(asc(coalitionMembers.organisationId))
	]);
	return JSON.stringify({ sigs, lets, comments, coordinators, invitations, outbox, members, coalitionOrgs });
}

async function refusalCount(chainId: string) {
	const rows = await db()
		.select({ seq: auditEvents.seq })
		.from(auditEvents)
		.where(and(eq(auditEvents.chainId, chainId), inArray(auditEvents.type, ['action.refused', 'signature.refused'])));
	return rows.length;
}

type PowerLoss = 'removed signatory' | 'removed coordinator' | 'demoted owner' | 'left member';

/**
 * A coalition (coordinator Cora, owner of A; organisation B owned by Bea) in which R
 * holds a role in B, coordinates (except as a plain removed signatory), and signed
 * letter 1 for B; then R loses that power through the real forms.
 */
async function powerScene(loss: PowerLoss) {
	const base = await createCoalitionScene();
	const bea = await createUser({ name: 'Owner Bea' });
	const r = await createUser({ name: 'Rashid Removed' });
	const role: OrganisationRole = loss === 'demoted owner' ? 'owner' : 'signatory';
	await db().insert(memberships).values([
		{ organisationId: base.orgB.id, userId: bea.id, role: 'owner' },
		{ organisationId: base.orgB.id, userId: r.id, role }
	]);
	if (loss !== 'removed signatory') {
		await db().insert(coalitionCoordinators).values({ coalitionId: base.coalitionId, userId: r.id, addedBy: base.coordinator.id });
	}
	const draft = base.letterId;
	const open1 = await newLetter(base.coordinator, base.coalitionId, 'Letter one on press freedom');
	const { hash: hash1 } = await openSigning({ actor: base.coordinator, letterId: open1, deadlineAt: null, deadlineTimeZone: null });
	const signature = await sign(r, open1, base.orgB.id, hash1);
	// The text is amended, so R's signature awaits re-confirmation (the "confirm" action).
	const head = await findHeadRevision(open1, 'en');
	await saveRevision({ actor: base.coordinator, letterId: open1, language: 'en', baseRevisionId: head!.id, text: { title: head!.title, addressees: head!.addressees, body: `${head!.body}\n\nAmended.`, closing: head!.closing } });
	const { hash: amendedHash } = await amendSigningText({ actor: base.coordinator, letterId: open1, origin: app.origin });
	const open2 = await newLetter(base.coordinator, base.coalitionId, 'Letter two on water rights');
	const { hash: hash2 } = await openSigning({ actor: base.coordinator, letterId: open2, deadlineAt: null, deadlineTimeZone: null });
	const closed3 = await newLetter(base.coordinator, base.coalitionId, 'Letter three on elections');
	const { hash: hash3 } = await openSigning({ actor: base.coordinator, letterId: closed3, deadlineAt: null, deadlineTimeZone: null });
	const signature3 = await sign(base.signatory, closed3, base.orgB.id, hash3);
	await closeSigning({ actor: base.coordinator, letterId: closed3 });

	// R's browser, signed in (and stepped up) while R still held the power.
	const rClient = await signedInClient(app, r.email);
	const beaClient = await signedInClient(app, bea.email);
	const lost =
		loss === 'demoted owner'
			? await beaClient.post(`/organisations/${base.orgB.id}?/role`, { userId: r.id, role: 'member' })
			: loss === 'left member'
				? await rClient.post(`/organisations/${base.orgB.id}?/leave`, {})
				: await beaClient.post(`/organisations/${base.orgB.id}?/remove`, { userId: r.id, confirm: 'yes' });
	expect(lost.status, `${loss} through the form`).toBe(303);
	await db().update(sessions).set({ authenticatedAt: new Date() }).where(eq(sessions.userId, r.id));
	return { ...base, bea, r, rClient, draft, open1, open2, closed3, signature, signature3, amendedHash, hash2 };
}

type Scene = Awaited<ReturnType<typeof powerScene>>;

interface Action {
	name: string;
	/** The letter or coalition whose chain records the refusal. */
	chain: (s: Scene) => string;
	post: (s: Scene) => [string, Record<string, string>];
	/** A demoted owner stays a member, who may still comment. */
	memberMay?: boolean;
}

const ACTIONS: Action[] = [
	{ name: 'comment on a draft', chain: (s) => s.draft, post: (s) => [`/letters/${s.draft}?/comment`, { body: 'Still here?' }], memberMay: true },
	{ name: 'open a draft for signatures', chain: (s) => s.draft, post: (s) => [`/letters/${s.draft}/signing?/open`, { confirm: 'yes' }] },
	{ name: 'close signing', chain: (s) => s.open1, post: (s) => [`/letters/${s.open1}/signing?/close`, {}] },
	{ name: 'reopen signing', chain: (s) => s.closed3, post: (s) => [`/letters/${s.closed3}/signing?/reopen`, {}] },
	{ name: 'invite member organisations', chain: (s) => s.open2, post: (s) => [`/letters/${s.open2}/signing?/inviteMembers`, {}] },
	{
		name: 'exclude a signature',
		chain: (s) => s.closed3,
		post: (s) => [`/letters/${s.closed3}/signing?/exclude`, { signatureId: s.signature3.id, reason: 'Gone', confirm: 'on', password: PASSWORD }]
	},
	{ name: 'make a coordinator', chain: (s) => s.coalitionId, post: (s) => [`/coalitions/${s.coalitionId}?/addCoordinator`, { userId: s.r.id }] },
	{
		name: 'sign for the organisation',
		chain: (s) => s.open2,
		post: (s) => [`/letters/${s.open2}/sign?/sign`, { organisationId: s.orgB.id, textHash: s.hash2, password: PASSWORD }]
	},
	{
		name: 'confirm the signature again',
		chain: (s) => s.open1,
		post: (s) => [`/letters/${s.open1}/sign?/reconfirm`, { signatureId: s.signature.id, textHash: s.amendedHash, password: PASSWORD }]
	},
	{
		name: 'withdraw the signature',
		chain: (s) => s.open1,
		post: (s) => [`/letters/${s.open1}/signatures/${s.signature.id}?/withdraw`, { confirm: 'on', password: PASSWORD }]
	},
	{
		name: 'revoke the signature',
		chain: (s) => s.open1,
		post: (s) => [`/letters/${s.open1}/signatures/${s.signature.id}?/revoke`, { confirm: 'on', password: PASSWORD }]
	}
];

const LOSSES: PowerLoss[] = ['removed signatory', 'removed coordinator', 'demoted owner', 'left member'];

describe(`powers end with membership (${DATABASE_KIND})`, () => {
	for (const loss of LOSSES) {
		it(`AZ7, SE7: a ${loss} is refused every action, posted directly as from a stale page: nothing written, each refusal audited`, async () => {
			const s = await powerScene(loss);
			const stillMember = loss === 'demoted owner';
			// Coordinator roles ended with the membership, on the coalition's chain.
			const rows = await db().select().from(coalitionCoordinators).where(eq(coalitionCoordinators.userId, s.r.id));
			expect(rows).toHaveLength(0);
			if (loss !== 'removed signatory') {
				const ended = await db()
					.select({ data: auditEvents.data })
					.from(auditEvents)
					.where(and(eq(auditEvents.chainId, s.coalitionId), eq(auditEvents.type, 'coalition.coordinator_removed')));
				expect(ended.map((e) => (e.data as { userId: string }).userId)).toContain(s.r.id);
			}
			for (const action of ACTIONS) {
				if (stillMember && action.memberMay) continue;
				const before = await snapshot();
				const refusalsBefore = await refusalCount(action.chain(s));
				const [path, fields] = action.post(s);
				const response = await s.rClient.post(path, fields);
				expect([403, 404], `${loss}: ${action.name} (${response.status})`).toContain(response.status);
				expect(await snapshot(), `${loss}: ${action.name} wrote nothing`).toBe(before);
				expect(await refusalCount(action.chain(s)), `${loss}: ${action.name} is audited`).toBe(refusalsBefore + 1);
				// Refusals leak nothing of letters the person may no longer see.
				if (!stillMember) expect(response.text, `${loss}: ${action.name}`).not.toMatch(/Letter (one|two|three) on|civic freedoms/);
			}
			// Reading: out of the coalition, drafts and the coalition do not exist, exactly as a
			// made-up id does not (page and __data.json); a demoted owner still reads as a member.
			const fake = 'aaaaaaaaaaaaaaaaaaaaaaaaaa';
			const withoutNonce = (html: string) => html.replace(/nonce="[^"]*"/g, '');
			const reads = [
				{ path: (id: string) => `/letters/${id}`, id: s.draft, memberMay: true },
				{ path: (id: string) => `/letters/${id}/__data.json`, id: s.draft, memberMay: true },
				{ path: (id: string) => `/coalitions/${id}`, id: s.coalitionId, memberMay: true },
				{ path: (id: string) => `/letters/${id}/signing/__data.json`, id: s.open1, memberMay: false },
				{ path: (id: string) => `/letters/${id}/audit/__data.json`, id: s.open1, memberMay: false }
			];
			for (const read of reads) {
				const response = await s.rClient.get(read.path(read.id));
				const label = `${loss}: ${read.path(read.id)}`;
				if (stillMember && read.memberMay) {
					expect(response.status, label).toBe(200);
					continue;
				}
				expect(response.text, label).not.toMatch(/civic freedoms|Letter one on|We write as organisations|Steppe Coalition/);
				if (!stillMember) {
					const made = await s.rClient.get(read.path(fake));
					expect(response.status, label).toBe(made.status);
					expect(withoutNonce(response.text), label).toBe(withoutNonce(made.text));
				}
			}
			const receipt = await s.rClient.get(`/letters/${s.open1}/signatures/${s.signature.id}/__data.json`);
			const noReceipt = await s.rClient.get(`/letters/${s.open1}/signatures/${fake}/__data.json`);
			expect(withoutNonce(receipt.text), `${loss}: the receipt`).toBe(withoutNonce(noReceipt.text));
			for (const letterId of [s.draft, s.open1, s.open2, s.closed3]) expect((await verifyAuditChain(letterId)).ok).toBe(true);
			expect((await verifyAuditChain(s.coalitionId)).ok).toBe(true);
			// The organisation's signature still stands; the remaining coordinator acts as before.
			const [stillActive] = await db().select().from(signatures).where(eq(signatures.id, s.signature.id));
			expect(stillActive!.status).toBe('active');
			const cora = await signedInClient(app, s.coordinator.email);
			expect((await cora.post(`/letters/${s.open1}/signing?/close`, {})).status).toBe(303);
		});
	}

	it('SE7: when the last coordinator loses the role, the member organisations’ owners are mailed and any of them may appoint one', async () => {
		const base = await createCoalitionScene();
		const bea = await createUser({ name: 'Owner Bea' });
		await db().insert(memberships).values({ organisationId: base.orgB.id, userId: bea.id, role: 'owner' });
		// A coalition whose only coordinator is Sami, signatory of B; A (Cora's) is a member too.
		const { id: coalitionId } = await createCoalition({ actor: base.signatory, organisationId: base.orgB.id, name: 'River Coalition', description: null });
		await db().insert(coalitionMembers).values({ coalitionId, organisationId: base.orgA.id });
		const cora = await signedInClient(app, base.coordinator.email);
		expect((await cora.post(`/coalitions/${coalitionId}?/addCoordinator`, { userId: base.coordinator.id })).status).toBe(403);
		const beaClient = await signedInClient(app, bea.email);
		expect((await beaClient.post(`/organisations/${base.orgB.id}?/remove`, { userId: base.signatory.id, confirm: 'yes' })).status).toBe(303);
		const toCora = await app.mail.waitFor(base.coordinator.email, /has no coordinator/);
		const toBea = await app.mail.waitFor(bea.email, /has no coordinator/);
		expect(toCora.text).toContain('River Coalition');
		expect(linkIn(toBea, `/coalitions/${coalitionId}`)).toContain(app.origin);
		expect(app.mail.messages.some((m) => m.to === base.signatory.email && /has no coordinator/.test(m.subject))).toBe(false);
		expect(app.mail.messages.some((m) => m.to === base.member.email && /has no coordinator/.test(m.subject))).toBe(false);
		const events = await db().select({ type: auditEvents.type }).from(auditEvents).where(eq(auditEvents.chainId, coalitionId));
		expect(events.map((e) => e.type)).toEqual(expect.arrayContaining(['coalition.coordinator_removed', 'coalition.coordinator_vacant']));
		const page = pageText((await cora.get(`/coalitions/${coalitionId}`)).text);
		expect(page).toContain('This coalition has no coordinator');
		expect(page).toContain('Make a coordinator');
		// A plain member may not appoint; an owner of a member organisation may, themselves included.
		const mona = await signedInClient(app, base.member.email);
		expect((await mona.post(`/coalitions/${coalitionId}?/addCoordinator`, { userId: base.member.id })).status).toBe(403);
		expect((await cora.post(`/coalitions/${coalitionId}?/addCoordinator`, { userId: base.member.id })).status).toBe(404);
		expect((await cora.post(`/coalitions/${coalitionId}?/addCoordinator`, { userId: base.coordinator.id })).status).toBe(303);
		const rows = await db().select().from(coalitionCoordinators).where(eq(coalitionCoordinators.coalitionId, coalitionId));
		expect(rows.map((r) => r.userId)).toEqual([base.coordinator.id]);
		// Once there is one, owners who do not coordinate no longer appoint.
		expect((await beaClient.post(`/coalitions/${coalitionId}?/addCoordinator`, { userId: bea.id })).status).toBe(403);
		expect((await verifyAuditChain(coalitionId)).ok).toBe(true);
	});

	it('AZ7: a signatory demoted to member keeps reading and commenting, but no longer signs for the organisation', async () => {
		const base = await createCoalitionScene();
		const bea = await createUser({ name: 'Owner Bea' });
		await db().insert(memberships).values({ organisationId: base.orgB.id, userId: bea.id, role: 'owner' });
		const { hash } = await openSigning({ actor: base.coordinator, letterId: base.letterId, deadlineAt: null, deadlineTimeZone: null });
		const sami = await signedInClient(app, base.signatory.email);
		const beaClient = await signedInClient(app, bea.email);
		expect((await beaClient.post(`/organisations/${base.orgB.id}?/role`, { userId: base.signatory.id, role: 'member' })).status).toBe(303);
		expect((await sami.get(`/letters/${base.letterId}`)).status).toBe(200);
		expect((await sami.post(`/letters/${base.letterId}/sign?/sign`, { organisationId: base.orgB.id, textHash: hash, password: PASSWORD })).status).toBe(403);
		expect(await db().select().from(signatures)).toHaveLength(0);
	});
});

describe(`ending a signature is deliberate (${DATABASE_KIND})`, () => {
	async function signedScene() {
		const base = await createCoalitionScene();
		const bea = await createUser({ name: 'Owner Bea' });
		await db().insert(memberships).values({ organisationId: base.orgB.id, userId: bea.id, role: 'owner' });
		const { hash } = await openSigning({ actor: base.coordinator, letterId: base.letterId, deadlineAt: null, deadlineTimeZone: null });
		const signature = await sign(base.signatory, base.letterId, base.orgB.id, hash);
		return { ...base, bea, hash, signature };
	}

	const stale = (userId: string) => db().update(sessions).set({ authenticatedAt: new Date(Date.now() - 60 * 60 * 1000) }).where(eq(sessions.userId, userId));
	const statusOf = async (id: string) => (await db().select({ status: signatures.status }).from(signatures).where(eq(signatures.id, id)))[0]!.status;

	it('AU8: withdrawing needs a confirmation naming the letter and the password; refused attempts are audited', async () => {
		const s = await signedScene();
		const sami = await signedInClient(app, s.signatory.email);
		await stale(s.signatory.id);
		const path = `/letters/${s.letterId}/signatures/${s.signature.id}`;
		const page = pageText((await sami.get(path)).text);
		expect(page).toMatch(/Withdraw Organisation B\s*’s signature from “\s*Open letter on civic freedoms\s*”/);
		expect(page).toContain('Your password, to confirm');
		// One click, as the old form did: refused.
		const oneClick = await sami.post(`${path}?/withdraw`, {});
		expect(oneClick.status).toBe(400);
		expect(pageText(oneClick.text)).toContain('Tick the box to confirm');
		const noPassword = await sami.post(`${path}?/withdraw`, { confirm: 'on' });
		expect(noPassword.status).toBe(403);
		const wrong = await sami.post(`${path}?/withdraw`, { confirm: 'on', password: 'not my password' });
		expect(wrong.status).toBe(400);
		expect(await statusOf(s.signature.id)).toBe('active');
		const refused = await db()
			.select({ data: auditEvents.data })
			.from(auditEvents)
			.where(and(eq(auditEvents.chainId, s.letterId), eq(auditEvents.type, 'action.refused')));
		expect(refused.map((r) => (r.data as { code: string }).code)).toEqual(['step_up_required', 'wrong_password']);
		expect((await sami.post(`${path}?/withdraw`, { confirm: 'on', password: PASSWORD })).status).toBe(303);
		expect(await statusOf(s.signature.id)).toBe('withdrawn');
		expect((await verifyAuditChain(s.letterId)).ok).toBe(true);
	});

	it('AU8: revoking needs the confirmation and the password; only an owner of the organisation may', async () => {
		const s = await signedScene();
		const bea = await signedInClient(app, s.bea.email);
		await stale(s.bea.id);
		const path = `/letters/${s.letterId}/signatures/${s.signature.id}`;
		expect(pageText((await bea.get(path)).text)).toMatch(/Revoke Organisation B\s*’s signature from “\s*Open letter on civic freedoms\s*”/);
		expect((await bea.post(`${path}?/revoke`, { password: PASSWORD })).status).toBe(400);
		expect((await bea.post(`${path}?/revoke`, { confirm: 'on' })).status).toBe(403);
		expect(await statusOf(s.signature.id)).toBe('active');
		const sami = await signedInClient(app, s.signatory.email);
		expect((await sami.post(`${path}?/revoke`, { confirm: 'on', password: PASSWORD })).status).toBe(403);
		expect((await bea.post(`${path}?/revoke`, { confirm: 'on', password: PASSWORD })).status).toBe(303);
		expect(await statusOf(s.signature.id)).toBe('revoked');
	});

	it('AU8: excluding needs the confirmation and the password', async () => {
		const s = await signedScene();
		await closeSigning({ actor: s.coordinator, letterId: s.letterId });
		const cora = await signedInClient(app, s.coordinator.email);
		await stale(s.coordinator.id);
		const dashboard = pageText((await cora.get(`/letters/${s.letterId}/signing`)).text);
		expect(dashboard).toMatch(/Exclude Organisation B\s*’s signature from “\s*Open letter on civic freedoms\s*”/);
		const path = `/letters/${s.letterId}/signing?/exclude`;
		expect((await cora.post(path, { signatureId: s.signature.id, reason: 'Duplicate', password: PASSWORD })).status).toBe(400);
		expect((await cora.post(path, { signatureId: s.signature.id, reason: 'Duplicate', confirm: 'on' })).status).toBe(403);
		expect(await statusOf(s.signature.id)).toBe('active');
		expect((await cora.post(path, { signatureId: s.signature.id, reason: 'Duplicate', confirm: 'on', password: PASSWORD })).status).toBe(303);
		expect(await statusOf(s.signature.id)).toBe('excluded');
	});
});

describe(`a private signer stays private (${DATABASE_KIND})`, () => {
	it('PR7: coordinators see the organisation and "name withheld" in the audit trail; the chain keeps the actor and verifies', async () => {
		const base = await createCoalitionScene();
		const { hash } = await openSigning({ actor: base.coordinator, letterId: base.letterId, deadlineAt: null, deadlineTimeZone: null });
		const sami = await signedInClient(app, base.signatory.email);
		expect((await sami.post(`/letters/${base.letterId}/sign?/sign`, { organisationId: base.orgB.id, textHash: hash, password: PASSWORD })).status).toBe(303);
		const [signature] = await db().select().from(signatures);
		// A refused attempt (no fresh password) names nobody either.
		await db().update(sessions).set({ authenticatedAt: new Date(0) }).where(eq(sessions.userId, base.signatory.id));
		expect((await sami.post(`/letters/${base.letterId}/signatures/${signature!.id}?/withdraw`, { confirm: 'on' })).status).toBe(403);
		expect((await sami.post(`/letters/${base.letterId}/signatures/${signature!.id}?/withdraw`, { confirm: 'on', password: PASSWORD })).status).toBe(303);
		const cora = await signedInClient(app, base.coordinator.email);
		for (const path of ['/audit', '/audit/__data.json', '/signing', '/signing/__data.json', '/signatories', '/signatories.csv']) {
			const response = await cora.get(`/letters/${base.letterId}${path}`);
			expect(response.status, path).toBe(200);
			expect(response.text, path).not.toContain('Signatory Sami');
		}
		const audit = pageText((await cora.get(`/letters/${base.letterId}/audit`)).text);
		expect(audit).toContain('Organisation B (name withheld) signed.');
		expect(audit).toContain('An organisation (name withheld) tried to withdraw and was refused');
		expect(audit).toContain('Coordinator Cora opened the letter for signatures.');
		// The chain records who acted, so it verifies and an owner can be told who signed.
		const added = await db().select().from(auditEvents).where(and(eq(auditEvents.chainId, base.letterId), eq(auditEvents.type, 'signature.added')));
		expect(added[0]!.actorId).toBe(base.signatory.id);
		expect((await verifyAuditChain(base.letterId)).ok).toBe(true);
		// No mail to anyone outside organisation B names the signer.
		await app.mail.waitFor(base.signatory.email, /Receipt/);
		// (Only this test's addresses: mail queued by an earlier test may still arrive.)
		const others = app.mail.messages.filter((m) => [base.coordinator.email, base.member.email, base.outsider.email].includes(m.to));
		expect(others.filter((m) => m.text.includes('Signatory Sami') || m.html.includes('Signatory Sami')).map((m) => `${m.to}: ${m.subject}`)).toEqual([]);
	});

	it('PR7: a coordinator who is an owner of the signing organisation sees the name; a public signer is named to all coordinators', async () => {
		const base = await createCoalitionScene();
		const bea = await createUser({ name: 'Owner Bea' });
		await db().insert(memberships).values({ organisationId: base.orgB.id, userId: bea.id, role: 'owner' });
		await db().insert(coalitionCoordinators).values({ coalitionId: base.coalitionId, userId: bea.id, addedBy: base.coordinator.id });
		const guest = await createUser({ name: 'Public Pia' });
		const orgC = await createOrganisationWith([{ userId: guest.id, role: 'signatory' }], 'Organisation C');
		await db().insert(coalitionMembers).values({ coalitionId: base.coalitionId, organisationId: orgC.id });
		const { hash } = await openSigning({ actor: base.coordinator, letterId: base.letterId, deadlineAt: null, deadlineTimeZone: null });
		await sign(base.signatory, base.letterId, base.orgB.id, hash);
		await sign(guest, base.letterId, orgC.id, hash, true);
		const beaView = pageText((await (await signedInClient(app, bea.email)).get(`/letters/${base.letterId}/audit`)).text);
		expect(beaView).toContain('Signatory Sami');
		const coraView = pageText((await (await signedInClient(app, base.coordinator.email)).get(`/letters/${base.letterId}/audit`)).text);
		expect(coraView).not.toContain('Signatory Sami');
		expect(coraView).toContain('Public Pia');
	});
});

describe(`invitations reach the invited (${DATABASE_KIND})`, () => {
	it('AU11: an organisation invitation is accepted only by the account confirmed on the invited address', async () => {
		const owner = await createUser({ name: 'Owner Otto' });
		const org = await createOrganisationWith([{ userId: owner.id, role: 'owner' }], 'Steppe Heritage Circle');
		const invited = await createUser({ name: 'Invited Ina' });
		const other = await createUser({ name: 'Other Oskar' });
		const ownerClient = await signedInClient(app, owner.email);
		await ownerClient.post(`/organisations/${org.id}?/invite`, { email: invited.email, role: 'signatory' });
		const link = new URL(linkIn(await app.mail.waitFor(invited.email, /Join/), '/invitations/'));
		const oskar = await signedInClient(app, other.email);
		for (const path of [link.pathname, `${link.pathname}/__data.json`]) {
			const response = await oskar.get(path);
			expect(response.text, path).not.toContain(invited.email);
			expect(response.text, path).toContain(maskAddress(invited.email));
		}
		const page = pageText((await oskar.get(link.pathname)).text);
		expect(page).toContain(`This invitation was sent to ${maskAddress(invited.email)}`);
		expect(page).toContain('Only that address\'s account can accept it');
		expect(page).not.toContain('Accept and join');
		const refused = await oskar.post(link.pathname, {});
		expect(refused.status).toBe(403);
		expect(refused.text).not.toContain(invited.email);
		expect(await db().select().from(memberships).where(eq(memberships.userId, other.id))).toHaveLength(0);
		const ina = await signedInClient(app, invited.email);
		expect((await ina.post(link.pathname, {})).status).toBe(303);
		const [row] = await db().select().from(memberships).where(eq(memberships.userId, invited.id));
		expect(row?.role).toBe('signatory');
	});

	it('AU11: a coalition invitation is accepted only by an owner whose account is on the invited address', async () => {
		const base = await createCoalitionScene();
		const cora = await signedInClient(app, base.coordinator.email);
		const invited = await createUser({ name: 'Invited Ina' });
		const invitedOrg = await createOrganisationWith([{ userId: invited.id, role: 'owner' }], 'Invited Organisation');
		await cora.post(`/coalitions/${base.coalitionId}?/invite`, { email: invited.email });
		const link = new URL(linkIn(await app.mail.waitFor(invited.email, /coalition/i), '/coalition-invitations/'));
		const outsider = await signedInClient(app, base.outsider.email);
		const [outsiderOrg] = await db().select().from(memberships).where(eq(memberships.userId, base.outsider.id));
		const page = await outsider.get(link.pathname);
		expect(pageText(page.text)).toContain(`This invitation was sent to ${maskAddress(invited.email)}`);
		expect(page.text).not.toContain('Steppe Coalition');
		expect((await outsider.get(`${link.pathname}/__data.json`)).text).not.toContain('Steppe Coalition');
		expect((await outsider.post(link.pathname, { organisationId: outsiderOrg!.organisationId })).status).toBe(403);
		expect(await db().select().from(coalitionMembers).where(eq(coalitionMembers.organisationId, outsiderOrg!.organisationId))).toHaveLength(0);
		const ina = await signedInClient(app, invited.email);
		expect((await ina.post(link.pathname, { organisationId: invitedOrg.id })).status).toBe(303);
	});

	it('AU11: a signing invitation is answered only from the invited address', async () => {
		const base = await createCoalitionScene();
		await openSigning({ actor: base.coordinator, letterId: base.letterId, deadlineAt: null, deadlineTimeZone: null });
		const cora = await signedInClient(app, base.coordinator.email);
		const address = uniqueEmail('invited');
		const invited = await createUser({ name: 'Invited Ina', email: address });
		const invitedOrg = await createOrganisationWith([{ userId: invited.id, role: 'owner' }], 'Invited Organisation');
		await cora.post(`/letters/${base.letterId}/signing?/inviteEmail`, { email: address });
		const link = new URL(linkIn(await app.mail.waitFor(address, /Invitation to sign/), '/sign-invitations/'));
		const outsider = await signedInClient(app, base.outsider.email);
		const [outsiderOrg] = await db().select().from(memberships).where(eq(memberships.userId, base.outsider.id));
		const page = await outsider.get(link.pathname);
		expect(pageText(page.text)).toContain(`This invitation was sent to ${maskAddress(address)}`);
		expect(page.text).not.toContain('civic freedoms');
		expect((await outsider.post(link.pathname, { organisationId: outsiderOrg!.organisationId })).status).toBe(403);
		expect((await outsider.get(`/letters/${base.letterId}/sign`)).status).toBe(404);
		const ina = await signedInClient(app, invited.email);
		expect((await ina.post(link.pathname, { organisationId: invitedOrg.id })).status).toBe(303);
		expect((await ina.get(`/letters/${base.letterId}/sign`)).status).toBe(200);
	});

	it('masks addresses so their owner recognises them and others cannot read them', () => {
		expect(maskAddress('oyuna@demo.undersigned.test')).toBe('o•••@d•••.test');
		expect(maskAddress('a@b')).toBe('a•••@b•••');
		expect(maskAddress('nobody')).toBe('•••');
	});
});
