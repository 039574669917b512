import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { DATABASE_KIND, resetDatabase } from '../helpers/database';
import { startTestApp, TestClient, pageText, type TestApp } from '../helpers/app';
import { createCoalitionScene, createOrganisationWith, createUser, PASSWORD, signedInClient } from '../helpers/factories';
import { db } from '../../src/lib/server/db';
import { auditEvents, coalitionMembers, letters, outboxMessages, sessions, signatures, signingInvitations } from '../../src/lib/server/db/schema';
import { openSigning } from '../../src/lib/server/signing/open-signing';
import { inviteMemberOrganisations } from '../../src/lib/server/signing/invite-member-organisations';
import { unstorableMessage } from '../../src/lib/validation/form';
import { signLetter } from '../../src/lib/server/signatures/sign-letter';
import { alreadySigned } from '../../src/lib/server/signatures/signature';
import { saveRevision } from '../../src/lib/server/letters/save-revision';
import { findHeadRevision } from '../../src/lib/server/letters/revisions';
import { verifyAuditChain } from '../../src/lib/server/audit/verify-audit-chain';
import { AppError } from '../../src/lib/server/errors';
import type { Session } from '../../src/lib/server/auth/session';

let app: TestApp;
let scene: Awaited<ReturnType<typeof createCoalitionScene>>;
let hash: string;

beforeAll(async () => {
	app = await startTestApp();
});

beforeEach(async () => {
	await resetDatabase();
	app.mail.clear();
	scene = await createCoalitionScene();
	({ hash } = await openSigning({ actor: scene.coordinator, letterId: scene.letterId, deadlineAt: null, deadlineTimeZone: null }));
});

async function activeSignatures() {
	return db().select().from(signatures).where(and(eq(signatures.letterId, scene.letterId), eq(signatures.status, 'active')));
}

function signFields(organisationId: string, extra: Record<string, string> = {}) {
	return { organisationId, textHash: hash, password: PASSWORD, ...extra };
}

const freshSession = (userId: string): Session => ({ id: 'test', userId, expiresAt: new Date(Date.now() + 1e9), authenticatedAt: new Date(), twoFactorPending: false, createdAt: new Date() });

describe(`signing (${DATABASE_KIND})`, () => {
	it('a signatory signs for their organisation: every recorded value is the server’s, receipts reach signer and owners', async () => {
		const owner = await createUser({ name: 'Owner Otto' });
		await db().insert((await import('../../src/lib/server/db/schema')).memberships).values({ organisationId: scene.orgB.id, userId: owner.id, role: 'owner' });
		const client = await signedInClient(app, scene.signatory.email);
		const page = pageText((await client.get(`/letters/${scene.letterId}/sign`)).text);
		expect(page).toMatch(/Organisation B\s*, Sweden/);
		expect(page).toContain(hash);
		const response = await client.post(`/letters/${scene.letterId}/sign?/sign`, signFields(scene.orgB.id, {
			signerTitle: 'Chair',
			statement: 'We stand with this letter.',
			// AZ2: fields the server owns are ignored when posted.
			signedAt: '2000-01-01T00:00:00Z',
			status: 'excluded',
			signerName: 'Forged Name'
		}));
		expect(response.status).toBe(303);
		const [signature] = await activeSignatures();
		expect(signature).toMatchObject({
			organisationId: scene.orgB.id,
			organisationName: 'Organisation B',
			organisationCountry: 'SE',
			signerId: scene.signatory.id,
			signerName: 'Signatory Sami',
			signerTitle: 'Chair',
			signerNamePublic: false,
			statement: 'We stand with this letter.',
			textHash: hash,
			method: 'password',
			status: 'active'
		});
		expect(Math.abs(signature!.signedAt.getTime() - Date.now())).toBeLessThan(60_000);
		const receipt = await app.mail.waitFor(scene.signatory.email, /Receipt/);
		expect(receipt.text).toContain(hash);
		const ownerMail = await app.mail.waitFor(owner.email, /Receipt/);
		expect(ownerMail.text).toContain('Signatory Sami');
		expect(ownerMail.text).toContain(`/letters/${scene.letterId}/signatures/${signature!.id}`);
		expect((await verifyAuditChain(scene.letterId)).ok).toBe(true);
	});

	it('PR1: an organisation-only signature never shows the person’s name in pages, __data.json or CSV', async () => {
		const client = await signedInClient(app, scene.signatory.email);
		expect((await client.post(`/letters/${scene.letterId}/sign?/sign`, signFields(scene.orgB.id, { signerTitle: 'Secret Title' }))).status).toBe(303);
		const coordinator = await signedInClient(app, scene.coordinator.email);
		for (const path of ['/signatories', '/signatories/__data.json', '/signatories.csv', '/signing', '/signing/__data.json', '/sign/__data.json']) {
			const response = await coordinator.get(`/letters/${scene.letterId}${path}`);
			expect(response.status, path).toBe(200);
			if (!path.startsWith('/sign/')) expect(response.text, path).toContain('Organisation B');
			expect(response.text, path).not.toContain('Signatory Sami');
			expect(response.text, path).not.toContain('Secret Title');
		}
	});

	it('a public name appears in the list and CSV when the signer chose it', async () => {
		const client = await signedInClient(app, scene.signatory.email);
		await client.post(`/letters/${scene.letterId}/sign?/sign`, signFields(scene.orgB.id, { signerNamePublic: 'on', signerTitle: 'Chair' }));
		const coordinator = await signedInClient(app, scene.coordinator.email);
		expect(pageText((await coordinator.get(`/letters/${scene.letterId}/signatories`)).text)).toMatch(/Signatory Sami\s*,\s*Chair/);
		const csv = await coordinator.get(`/letters/${scene.letterId}/signatories.csv`);
		expect(csv.headers.get('content-type')).toContain('text/csv');
		expect(csv.text).toContain('Signatory Sami');
	});

	it('AZ1: a member-role user cannot sign, and nobody signs for another organisation whatever id is posted', async () => {
		const member = await signedInClient(app, scene.member.email);
		const refused = await member.post(`/letters/${scene.letterId}/sign?/sign`, signFields(scene.orgB.id));
		expect(refused.status).toBe(403);
		const coordinator = await signedInClient(app, scene.coordinator.email);
		expect((await coordinator.post(`/letters/${scene.letterId}/sign?/sign`, signFields(scene.orgB.id))).status).toBe(403);
		expect((await coordinator.post(`/letters/${scene.letterId}/sign?/sign`, signFields('made-up-organisation'))).status).toBe(403);
		expect(await activeSignatures()).toHaveLength(0);
		const refusals = await db().select().from(auditEvents).where(and(eq(auditEvents.chainId, scene.letterId), eq(auditEvents.type, 'signature.refused')));
		// AV5: a person's first refusal on a letter is an entry; their second is counted, not written.
		expect(refusals.map((r) => [r.actorId, r.data.attempts])).toEqual([
			[scene.member.id, 1],
			[scene.coordinator.id, 1]
		]);
		const outsider = await signedInClient(app, scene.outsider.email);
		expect((await outsider.post(`/letters/${scene.letterId}/sign?/sign`, signFields(scene.orgB.id))).status).toBe(404);
	});

	it('AU8: a stale step-up must re-enter the password; a wrong one is refused; a fresh one may sign without it', async () => {
		const client = await signedInClient(app, scene.signatory.email);
		await db().update(sessions).set({ authenticatedAt: new Date(Date.now() - 60 * 60 * 1000) }).where(eq(sessions.userId, scene.signatory.id));
		const stale = await client.post(`/letters/${scene.letterId}/sign?/sign`, { organisationId: scene.orgB.id, textHash: hash, statement: 'Kept text' });
		expect(stale.status).toBe(403);
		expect(pageText(stale.text)).toContain('enter your password again');
		expect(stale.text).toContain('Kept text');
		const wrong = await client.post(`/letters/${scene.letterId}/sign?/sign`, signFields(scene.orgB.id, { password: 'not my password' }));
		expect(wrong.status).toBe(400);
		expect(await activeSignatures()).toHaveLength(0);
		await db().update(sessions).set({ authenticatedAt: new Date() }).where(eq(sessions.userId, scene.signatory.id));
		expect((await client.post(`/letters/${scene.letterId}/sign?/sign`, { organisationId: scene.orgB.id, textHash: hash })).status).toBe(303);
	});

	it('refuses signing after close, after the deadline, and on a tampered text hash', async () => {
		const client = await signedInClient(app, scene.signatory.email);
		const tampered = await client.post(`/letters/${scene.letterId}/sign?/sign`, signFields(scene.orgB.id, { textHash: hash.replace(/^./, hash[0] === 'a' ? 'b' : 'a') }));
		expect(tampered.status).toBe(409);
		expect(pageText(tampered.text)).toContain('amended since you opened it');
		await db().update(letters).set({ deadlineAt: new Date(Date.now() - 1000) }).where(eq(letters.id, scene.letterId));
		const late = await client.post(`/letters/${scene.letterId}/sign?/sign`, signFields(scene.orgB.id));
		expect(late.status).toBe(409);
		expect(pageText(late.text)).toContain('deadline');
		await db().update(letters).set({ deadlineAt: null }).where(eq(letters.id, scene.letterId));
		const coordinator = await signedInClient(app, scene.coordinator.email);
		expect((await coordinator.post(`/letters/${scene.letterId}/signing?/close`, {})).status).toBe(303);
		const closed = await client.post(`/letters/${scene.letterId}/sign?/sign`, signFields(scene.orgB.id));
		expect(closed.status).toBe(409);
		expect(await activeSignatures()).toHaveLength(0);
	});

	it('CC1: 50 parallel attempts for 10 organisations give exactly 10 signatures and 40 clear "already signed"', async () => {
		const people = await Promise.all(Array.from({ length: 10 }, (_, i) => createUser({ name: `Signer ${i}` })));
		const orgs = await Promise.all(people.map((p, i) => createOrganisationWith([{ userId: p.id, role: 'signatory' }], `Parallel Org ${i}`)));
		await db().insert(coalitionMembers).values(orgs.map((o) => ({ coalitionId: scene.coalitionId, organisationId: o.id })));
		const attempts = orgs.flatMap((org, i) =>
			Array.from({ length: 5 }, () =>
				signLetter({
					actor: people[i]!,
					session: freshSession(people[i]!.id),
					letterId: scene.letterId,
					organisationId: org.id,
					textHash: hash,
					signerTitle: null,
					signerNamePublic: false,
					statement: null,
					password: null,
					clientAddress: 'test',
					origin: app.origin
				})
			)
		);
		const results = await Promise.allSettled(attempts);
		const ok = results.filter((r) => r.status === 'fulfilled');
		const refused = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
		expect(ok).toHaveLength(10);
		expect(refused).toHaveLength(40);
		for (const r of refused) {
			expect(r.reason).toBeInstanceOf(AppError);
			expect((r.reason as AppError).message).toBe(alreadySigned());
		}
		expect(await activeSignatures()).toHaveLength(10);
		expect((await verifyAuditChain(scene.letterId)).ok).toBe(true);
	});

	it('the signer withdraws; an owner revokes with step-up; nobody else can', async () => {
		const owner = await createUser({ name: 'Owner Otto' });
		const { memberships } = await import('../../src/lib/server/db/schema');
		await db().insert(memberships).values({ organisationId: scene.orgB.id, userId: owner.id, role: 'owner' });
		const signer = await signedInClient(app, scene.signatory.email);
		await signer.post(`/letters/${scene.letterId}/sign?/sign`, signFields(scene.orgB.id));
		let [signature] = await activeSignatures();
		const member = await signedInClient(app, scene.member.email);
		expect((await member.post(`/letters/${scene.letterId}/signatures/${signature!.id}?/withdraw`, { confirm: 'on', password: PASSWORD })).status).toBe(404);
		const coordinator = await signedInClient(app, scene.coordinator.email);
		expect((await coordinator.post(`/letters/${scene.letterId}/signatures/${signature!.id}?/revoke`, { confirm: 'on', password: PASSWORD })).status).toBe(404);
		expect((await signer.post(`/letters/${scene.letterId}/signatures/${signature!.id}?/withdraw`, { confirm: 'on', password: PASSWORD })).status).toBe(303);
		expect(await activeSignatures()).toHaveLength(0);
		// PR3: gone from every output, the chain still verifies.
		expect((await coordinator.get(`/letters/${scene.letterId}/signatories`)).text).not.toContain('Organisation B</bdi>, Sweden');
		await signer.post(`/letters/${scene.letterId}/sign?/sign`, signFields(scene.orgB.id));
		[signature] = await activeSignatures();
		const ownerClient = await signedInClient(app, owner.email);
		await db().update(sessions).set({ authenticatedAt: new Date(0) }).where(eq(sessions.userId, owner.id));
		expect((await ownerClient.post(`/letters/${scene.letterId}/signatures/${signature!.id}?/revoke`, { confirm: 'on' })).status).toBe(403);
		expect((await ownerClient.post(`/letters/${scene.letterId}/signatures/${signature!.id}?/revoke`, { confirm: 'on', password: PASSWORD })).status).toBe(303);
		expect(await activeSignatures()).toHaveLength(0);
		expect((await verifyAuditChain(scene.letterId)).ok).toBe(true);
	});

	it('CC3: an amended text leaves earlier signatures awaiting re-confirmation; one click and the password confirm', async () => {
		const signer = await signedInClient(app, scene.signatory.email);
		await signer.post(`/letters/${scene.letterId}/sign?/sign`, signFields(scene.orgB.id));
		const head = await findHeadRevision(scene.letterId, 'en');
		await saveRevision({
			actor: scene.coordinator,
			letterId: scene.letterId,
			language: 'en',
			baseRevisionId: head!.id,
			text: { title: head!.title, addressees: head!.addressees, body: `${head!.body}\n3. Support monitoring.`, closing: head!.closing }
		});
		const coordinator = await signedInClient(app, scene.coordinator.email);
		expect((await coordinator.post(`/letters/${scene.letterId}/signing?/amend`, {})).status).toBe(303);
		await app.mail.waitFor(scene.signatory.email, /confirm your signature again/);
		const list = pageText((await coordinator.get(`/letters/${scene.letterId}/signatories`)).text);
		expect(list).toContain('0 organisations');
		expect(list).toContain('1 more signed an earlier version');
		const [old] = await activeSignatures();
		const [letter] = await db().select().from(letters).where(eq(letters.id, scene.letterId));
		const { signingTexts } = await import('../../src/lib/server/db/schema');
		const [current] = await db().select().from(signingTexts).where(eq(signingTexts.id, letter!.signingTextId!));
		expect(old!.textHash).toBe(hash);
		const confirmed = await signer.post(`/letters/${scene.letterId}/sign?/reconfirm`, { signatureId: old!.id, textHash: current!.hash, password: PASSWORD });
		expect(confirmed.status).toBe(303);
		const [now] = await activeSignatures();
		expect(now!.textHash).toBe(current!.hash);
		expect(now!.confirmsSignatureId).toBe(old!.id);
		expect(pageText((await coordinator.get(`/letters/${scene.letterId}/signatories`)).text)).toContain('1 organisation');
	});

	it('coordinators close, exclude with a recorded reason, and reopen; only coordinators may', async () => {
		const signer = await signedInClient(app, scene.signatory.email);
		await signer.post(`/letters/${scene.letterId}/sign?/sign`, signFields(scene.orgB.id));
		const [signature] = await activeSignatures();
		expect((await signer.post(`/letters/${scene.letterId}/signing?/close`, {})).status).toBe(403);
		const coordinator = await signedInClient(app, scene.coordinator.email);
		expect((await coordinator.post(`/letters/${scene.letterId}/signing?/exclude`, { signatureId: signature!.id, reason: 'Not yet', confirm: 'on', password: PASSWORD })).status).toBe(409);
		expect((await coordinator.post(`/letters/${scene.letterId}/signing?/close`, {})).status).toBe(303);
		const noReason = await coordinator.post(`/letters/${scene.letterId}/signing?/exclude`, { signatureId: signature!.id, reason: '', confirm: 'on', password: PASSWORD });
		expect(noReason.status).toBe(400);
		expect((await coordinator.post(`/letters/${scene.letterId}/signing?/exclude`, { signatureId: signature!.id, reason: 'Duplicate of a federation member', confirm: 'on', password: PASSWORD })).status).toBe(303);
		const [excluded] = await db().select().from(signatures).where(eq(signatures.id, signature!.id));
		expect(excluded).toMatchObject({ status: 'excluded', endReason: 'Duplicate of a federation member', endedBy: scene.coordinator.id });
		expect((await coordinator.post(`/letters/${scene.letterId}/signing?/reopen`, {})).status).toBe(303);
		const [letter] = await db().select().from(letters).where(eq(letters.id, scene.letterId));
		expect(letter!.state).toBe('open');
	});

	it('invites member organisations in one click, shows where each stands, and reminds at most once a day', async () => {
		const coordinator = await signedInClient(app, scene.coordinator.email);
		expect((await coordinator.post(`/letters/${scene.letterId}/signing?/inviteMembers`, {})).status).toBe(303);
		const invitation = await app.mail.waitFor(scene.signatory.email, /Invitation to sign/);
		// Issue 13 point 10: no personal message given, no block for one.
		expect(invitation.text).not.toContain('Message from');
		expect(invitation.html).not.toContain('blockquote');
		expect(app.mail.messages.some((m) => m.to === scene.member.email)).toBe(false);
		let dashboard = pageText((await coordinator.get(`/letters/${scene.letterId}/signing`)).text);
		expect(dashboard).toContain('2 invited');
		const signer = await signedInClient(app, scene.signatory.email);
		// CS4: reading the sign page writes nothing; its first POST (here a refused
		// signature: a wrong password) records that the invitation was opened.
		await signer.get(`/letters/${scene.letterId}/sign`);
		expect(pageText((await coordinator.get(`/letters/${scene.letterId}/signing`)).text)).not.toMatch(/Organisation B\s+Opened/);
		const refused = await signer.post(`/letters/${scene.letterId}/sign?/sign`, { organisationId: scene.orgB.id, textHash: '0'.repeat(64), password: 'not the password' });
		expect(refused.status).toBeGreaterThanOrEqual(400);
		dashboard = pageText((await coordinator.get(`/letters/${scene.letterId}/signing`)).text);
		expect(dashboard).toMatch(/Organisation B\s+Opened/);
		app.mail.clear();
		const first = await coordinator.follow(await coordinator.post(`/letters/${scene.letterId}/signing?/remind`, {}));
		expect(pageText(first.text)).toContain('Reminders sent to 2 organisations');
		await app.mail.waitFor(scene.signatory.email, /Reminder/);
		const second = await coordinator.follow(await coordinator.post(`/letters/${scene.letterId}/signing?/remind`, {}));
		expect(pageText(second.text)).toContain('Nobody to remind');
		await signer.post(`/letters/${scene.letterId}/sign?/sign`, signFields(scene.orgB.id));
		await db().update(signingInvitations).set({ lastRemindedAt: new Date(Date.now() - 2 * 86_400_000) });
		const third = await coordinator.follow(await coordinator.post(`/letters/${scene.letterId}/signing?/remind`, {}));
		expect(pageText(third.text)).toContain('Reminders sent to 1 organisation');
		dashboard = pageText((await coordinator.get(`/letters/${scene.letterId}/signing`)).text);
		expect(dashboard).toMatch(/Organisation B\s+Signed/);
	});

	it('an organisation invited by e-mail takes the invitation and signs', async () => {
		const coordinator = await signedInClient(app, scene.coordinator.email);
		const guest = await createUser({ name: 'Guest Signer' });
		const guestOrg = await createOrganisationWith([{ userId: guest.id, role: 'owner' }], 'Ойрад Ардын Зөвлөл');
		await coordinator.post(`/letters/${scene.letterId}/signing?/inviteEmail`, { email: guest.email });
		const mail = await app.mail.waitFor(guest.email, /Invitation to sign/);
		const link = new URL(mail.text.match(/https?:\/\/\S+\/sign-invitations\/\S+/)![0]);
		const client = await signedInClient(app, guest.email);
		expect((await client.get(`/letters/${scene.letterId}/sign`)).status).toBe(404);
		expect((await client.post(link.pathname, { organisationId: guestOrg.id })).status).toBe(303);
		expect((await client.post(`/letters/${scene.letterId}/sign?/sign`, signFields(guestOrg.id))).status).toBe(303);
		expect(pageText((await new TestClient(app).get(link.pathname)).text)).toContain('already used');
	});

	it('on a public letter an uninvited organisation asks to sign on; once approved it signs', async () => {
		await db().update(letters).set({ visibility: 'public' }).where(eq(letters.id, scene.letterId));
		const outsider = await signedInClient(app, scene.outsider.email);
		const [outsiderOrg] = await db().select().from((await import('../../src/lib/server/db/schema')).memberships).where(eq((await import('../../src/lib/server/db/schema')).memberships.userId, scene.outsider.id));
		expect((await outsider.post(`/letters/${scene.letterId}/sign?/sign`, signFields(outsiderOrg!.organisationId))).status).toBe(403);
		expect((await outsider.post(`/letters/${scene.letterId}/sign?/requestSignOn`, { organisationId: outsiderOrg!.organisationId, message: 'We agree.' })).status).toBe(303);
		const coordinator = await signedInClient(app, scene.coordinator.email);
		const dashboard = await coordinator.get(`/letters/${scene.letterId}/signing`);
		expect(pageText(dashboard.text)).toContain('Unrelated Organisation');
		const requestId = dashboard.text.match(/name="requestId" value="([a-z0-9]+)"/)![1]!;
		expect((await coordinator.post(`/letters/${scene.letterId}/signing?/approve`, { requestId })).status).toBe(303);
		expect((await outsider.post(`/letters/${scene.letterId}/sign?/sign`, signFields(outsiderOrg!.organisationId))).status).toBe(303);
		// The public list shows it, without anyone signed in.
		expect(pageText((await new TestClient(app).get(`/letters/${scene.letterId}/signatories`)).text)).toContain('Unrelated Organisation');
	});

	it('AZ4: a coalition-only letter’s list is not shown outside the coalition', async () => {
		const outsider = await signedInClient(app, scene.outsider.email);
		expect((await outsider.get(`/letters/${scene.letterId}/signatories`)).status).toBe(404);
		expect((await outsider.get(`/letters/${scene.letterId}/signatories.csv`)).status).toBe(404);
		expect((await new TestClient(app).get(`/letters/${scene.letterId}/signatories`)).status).toBe(404);
	});
});

describe(`personal message in signing invitations and reminders (${DATABASE_KIND})`, () => {
	const MESSAGE = 'Dear friends,\nplease sign <script>alert(1)</script> & pass it on.';
	const ESCAPED = 'please sign &lt;script&gt;alert(1)&lt;/script&gt; &amp; pass it on.';

	/** What the mail says of the message, in both parts, and that it is nowhere it should not be. */
	async function expectQuoted(mail: { text: string; html: string }) {
		expect(mail.text).toContain('Message from Coordinator Cora:\n\n> Dear friends,\n> please sign <script>alert(1)</script> & pass it on.');
		expect(mail.html).toContain('<p>Message from Coordinator Cora:</p>');
		expect(mail.html).toContain(ESCAPED);
		expect(mail.html).not.toContain('<script>');
		const audit = await db().select().from(auditEvents);
		expect(JSON.stringify(audit)).not.toContain('please sign');
	}

	it('an invitation by e-mail carries the message, quoted and attributed to the inviter, escaped in HTML, never in the link', async () => {
		const coordinator = await signedInClient(app, scene.coordinator.email);
		const guest = await createUser({ name: 'Guest Signer' });
		const sent = await coordinator.post(`/letters/${scene.letterId}/signing?/inviteEmail`, { email: guest.email, message: `  ${MESSAGE}  ` });
		expect(sent.status).toBe(303);
		expect(sent.location).not.toMatch(/script|friends|message/i);
		const mail = await app.mail.waitFor(guest.email, /Invitation to sign/);
		await expectQuoted(mail);
		expect(mail.text.match(/https?:\/\/\S+/g)!.join(' ')).not.toMatch(/script|friends/i);
	});

	it('inviting every member organisation and reminding them carry the message too', async () => {
		const coordinator = await signedInClient(app, scene.coordinator.email);
		expect((await coordinator.post(`/letters/${scene.letterId}/signing?/inviteMembers`, { message: MESSAGE })).status).toBe(303);
		await expectQuoted(await app.mail.waitFor(scene.signatory.email, /Invitation to sign/));
		app.mail.clear();
		expect((await coordinator.post(`/letters/${scene.letterId}/signing?/remind`, { message: MESSAGE })).status).toBe(303);
		await expectQuoted(await app.mail.waitFor(scene.signatory.email, /Reminder/));
	});

	it('a reminder without a message has no block for one', async () => {
		await inviteMemberOrganisations({ actor: scene.coordinator, letterId: scene.letterId, origin: app.origin });
		const coordinator = await signedInClient(app, scene.coordinator.email);
		expect((await coordinator.post(`/letters/${scene.letterId}/signing?/remind`, { message: '   ' })).status).toBe(303);
		const mail = await app.mail.waitFor(scene.signatory.email, /Reminder/);
		expect(mail.text).not.toContain('Message from');
		expect(mail.html).not.toContain('blockquote');
	});

	const REFUSED = [
		{ what: 'a NUL byte', message: 'Please\u0000 sign', error: unstorableMessage(), kept: 'Please sign' },
		{ what: '1,001 characters', message: 'a'.repeat(1001), error: 'Personal message is too long (at most 1000 characters).', kept: 'a'.repeat(1001) },
		{ what: 'a zero-width space', message: 'Please\u200B sign', error: 'Personal message contains an invisible or zero-width character', kept: 'Please\u200B sign' }
	];

	it('refuses a message with a NUL byte, an invisible character or over 1,000 characters: a message on the form, what was typed kept, nothing sent', async () => {
		const coordinator = await signedInClient(app, scene.coordinator.email);
		const guest = await createUser({ name: 'Guest Signer' });
		const forms: { action: string; fields: Record<string, string>; setup?: () => Promise<unknown> }[] = [
			{ action: 'inviteEmail', fields: { email: guest.email } },
			{ action: 'inviteMembers', fields: {} },
			{ action: 'remind', fields: {}, setup: () => inviteMemberOrganisations({ actor: scene.coordinator, letterId: scene.letterId, origin: app.origin }) }
		];
		for (const form of forms) {
			await form.setup?.();
			const outbox = (await db().select().from(outboxMessages)).length;
			const invitations = await db().select().from(signingInvitations);
			for (const refused of REFUSED) {
				const response = await coordinator.post(`/letters/${scene.letterId}/signing?/${form.action}`, { ...form.fields, message: refused.message });
				expect(response.status, `${form.action}, ${refused.what}`).toBe(400);
				expect(pageText(response.text), `${form.action}, ${refused.what}`).toContain(refused.error);
				expect(response.text, `${form.action}, ${refused.what}`).toContain(refused.kept);
				expect((await db().select().from(outboxMessages)).length, `${form.action}, ${refused.what}`).toBe(outbox);
				expect(await db().select().from(signingInvitations), `${form.action}, ${refused.what}`).toEqual(invitations);
			}
		}
	});
});
