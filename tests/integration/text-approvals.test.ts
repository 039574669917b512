import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { refusal } from '../helpers/refusal';
import { DATABASE_KIND, resetDatabase } from '../helpers/database';
import { startTestApp, pageText, type TestApp } from '../helpers/app';
import { createCoalitionScene, createOrganisationWith, createUser, signedInClient } from '../helpers/factories';
import { db } from '../../src/lib/server/db';
import { auditEvents, coalitionMembers, letters, memberships, textApprovals } from '../../src/lib/server/db/schema';
import { requestApprovals } from '../../src/lib/server/approvals/request-approvals';
import { approveText } from '../../src/lib/server/approvals/approve-text';
import { setApprovalsRequired } from '../../src/lib/server/approvals/set-approvals-required';
import { approvalGate, listApprovals } from '../../src/lib/server/approvals/list-approvals';
import { currentText } from '../../src/lib/server/approvals/current-text';
import { openSigning } from '../../src/lib/server/signing/open-signing';
import { saveRevision } from '../../src/lib/server/letters/save-revision';
import { findHeadRevision } from '../../src/lib/server/letters/revisions';
import { loadNeedsYou } from '../../src/lib/server/start/needs-you';

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

const letter = async () => (await db().select().from(letters).where(eq(letters.id, scene.letterId)))[0]!;
const keyNow = async () => (await currentText(await letter())).key;
const gate = async () => approvalGate((await listApprovals(await letter())).approvals);
const ask = (organisationIds = [scene.orgB.id], message: string | null = null) =>
	requestApprovals({ actor: scene.coordinator, letterId: scene.letterId, organisationIds, message, origin: app.origin });
const answerAs = (actor: { id: string; name: string }, textKey: string, organisationId = scene.orgB.id) =>
	approveText({ actor, letterId: scene.letterId, organisationId, textKey, origin: app.origin });

async function editText(body: string, language = 'en') {
	const head = await findHeadRevision(scene.letterId, language);
	return saveRevision({
		actor: scene.coordinator,
		letterId: scene.letterId,
		language,
		baseRevisionId: head?.id ?? null,
		sourceRevisionId: language === 'en' ? null : ((await findHeadRevision(scene.letterId, 'en'))?.id ?? null),
		text: { title: head?.title ?? 'Titel', addressees: head?.addressees ?? '', body, closing: head?.closing ?? '' }
	});
}

describe(`Approval of the final text (${DATABASE_KIND})`, () => {
	it('a coordinator asks; the signatory is mailed and sees it on the start page; approving the exact text shows on the dashboard', async () => {
		const { count, revisionNumber } = await ask([scene.orgB.id], 'Please read paragraph 2 closely.');
		expect({ count, revisionNumber }).toEqual({ count: 1, revisionNumber: 1 });
		const mail = await app.mail.waitFor(scene.signatory.email, /Please approve the text/);
		expect(mail.text).toContain('revision 1');
		expect(mail.text).toContain('Please read paragraph 2 closely.');
		expect(mail.text).toContain(`/letters/${scene.letterId}/approval`);
		expect((await loadNeedsYou(scene.signatory)).approvals).toMatchObject([{ letterId: scene.letterId, organisationName: 'Organisation B', revisionNumber: 1 }]);
		// A plain member of the organisation cannot answer for it, so nothing waits for them.
		expect((await loadNeedsYou(scene.member)).approvals).toEqual([]);
		// Asking again for the same text asks nobody twice.
		expect((await ask()).count).toBe(0);

		await answerAs(scene.signatory, await keyNow());
		expect((await loadNeedsYou(scene.signatory)).approvals).toEqual([]);
		expect(await gate()).toEqual({ asked: 1, approved: 1, missing: [] });
		const dashboard = pageText((await (await signedInClient(app, scene.coordinator.email)).get(`/letters/${scene.letterId}/signing`)).text);
		expect(dashboard).toMatch(/Organisation B\s+Approved\s+revision 1/);
		expect(dashboard).toMatch(/Revision 1: approved by 1 of 1 organisation asked\s*\./);
		const types = (await db().select().from(auditEvents).where(eq(auditEvents.chainId, scene.letterId))).map((e) => e.type);
		expect(types).toEqual(expect.arrayContaining(['approval.requested', 'approval.given']));
	});

	it('any later edit, in any language, clears the approvals: the old answer no longer counts and cannot be given on the old text', async () => {
		await ask();
		const oldKey = await keyNow();
		await answerAs(scene.signatory, oldKey);
		await editText('We write as organisations of the diaspora, changed.');
		expect(await gate()).toEqual({ asked: 0, approved: 0, missing: [] });
		const { approvals } = await listApprovals(await letter());
		expect(approvals).toMatchObject([{ organisationName: 'Organisation B', status: 'approved', current: false, revisionNumber: 1 }]);
		expect((await refusal(answerAs(scene.signatory, oldKey))).code).toBe('conflict');

		// Asked again on revision 2, approved; then a translation is saved: cleared again.
		expect((await ask()).revisionNumber).toBe(2);
		expect((await loadNeedsYou(scene.signatory)).approvals).toMatchObject([{ revisionNumber: 2 }]);
		await answerAs(scene.signatory, await keyNow());
		expect((await gate()).approved).toBe(1);
		await editText('Vi skriver som diasporans organisationer.', 'sv');
		expect((await gate()).asked).toBe(0);
	});

	it('when required, signing opens only once everyone asked approved the current text; the refusal names who is missing', async () => {
		await setApprovalsRequired({ actor: scene.coordinator, letterId: scene.letterId, required: true });
		const open = () => openSigning({ actor: scene.coordinator, letterId: scene.letterId, deadlineAt: null, deadlineTimeZone: null });
		expect((await refusal(open())).message).toMatch(/ask the drafting organisations/);
		await ask([scene.orgA.id, scene.orgB.id]);
		await approveText({ actor: scene.coordinator, letterId: scene.letterId, organisationId: scene.orgA.id, textKey: await keyNow(), origin: app.origin });
		const missing = await refusal(open());
		expect(missing.code).toBe('wrong_state');
		expect(missing.message).toContain('Organisation B');
		expect(missing.message).not.toContain('Organisation A');
		await answerAs(scene.signatory, await keyNow());
		await open();
		expect((await letter()).state).toBe('open');
		// Once open, nobody answers any more.
		expect((await refusal(answerAs(scene.signatory, await keyNow()))).code).toBe('wrong_state');
	});

	it('without the requirement, signing opens whatever the approvals say', async () => {
		await ask();
		await openSigning({ actor: scene.coordinator, letterId: scene.letterId, deadlineAt: null, deadlineTimeZone: null });
		expect((await letter()).state).toBe('open');
	});

	it('asking for changes needs a note; the coordinators are mailed it; the organisation can still approve later', async () => {
		await ask();
		const signatory = await signedInClient(app, scene.signatory.email);
		const key = await keyNow();
		const empty = await signatory.post(`/letters/${scene.letterId}/approval?/requestChanges`, { organisationId: scene.orgB.id, textKey: key, note: '   ' });
		expect(empty.status).toBe(400);
		expect(pageText(empty.text)).toContain('Say what should change');
		const nul = await signatory.post(`/letters/${scene.letterId}/approval?/requestChanges`, { organisationId: scene.orgB.id, textKey: key, note: 'Fix\u0000 it' });
		expect(nul.status).toBe(400);
		expect((await db().select().from(textApprovals))[0]!.status).toBe('requested');

		const sent = await signatory.post(`/letters/${scene.letterId}/approval?/requestChanges`, { organisationId: scene.orgB.id, textKey: key, note: 'Name the detained journalists in point 2.' });
		expect(sent.status).toBe(303);
		const mail = await app.mail.waitFor(scene.coordinator.email, /asks for changes/);
		expect(mail.text).toContain('Name the detained journalists in point 2.');
		expect(await gate()).toEqual({ asked: 1, approved: 0, missing: ['Organisation B'] });
		const page = pageText((await signatory.get(`/letters/${scene.letterId}/approval`)).text);
		expect(page).toContain('Changes asked');
		expect((await signatory.post(`/letters/${scene.letterId}/approval?/approve`, { organisationId: scene.orgB.id, textKey: key })).status).toBe(303);
		expect((await gate()).approved).toBe(1);
	});

	it('refusals: a plain member, another organisation, an outsider, a made-up organisation, a removed signatory posting a stale form, an organisation that left the coalition', async () => {
		await ask();
		const key = await keyNow();
		const fields = { organisationId: scene.orgB.id, textKey: key };
		const member = await signedInClient(app, scene.member.email);
		expect((await member.post(`/letters/${scene.letterId}/approval?/approve`, fields)).status).toBe(403);
		const coordinator = await signedInClient(app, scene.coordinator.email);
		expect((await coordinator.post(`/letters/${scene.letterId}/approval?/approve`, fields)).status).toBe(403);
		expect((await coordinator.post(`/letters/${scene.letterId}/approval?/approve`, { ...fields, organisationId: 'made-up' })).status).toBe(403);
		const outsider = await signedInClient(app, scene.outsider.email);
		expect((await outsider.post(`/letters/${scene.letterId}/approval?/approve`, fields)).status).toBe(404);
		expect((await outsider.get(`/letters/${scene.letterId}/approval`)).status).toBe(404);
		for (const bad of ['', 'x'.repeat(65), 'a\u0000b', key.toUpperCase()]) {
			expect((await coordinator.post(`/letters/${scene.letterId}/approval?/approve`, { ...fields, textKey: bad })).status).toBe(400);
		}

		// The signatory opened the page, then lost the role: the stale form is refused.
		const signatory = await signedInClient(app, scene.signatory.email);
		expect(pageText((await signatory.get(`/letters/${scene.letterId}/approval`)).text)).toContain('Approve revision 1');
		await db().update(memberships).set({ role: 'member' }).where(and(eq(memberships.userId, scene.signatory.id), eq(memberships.organisationId, scene.orgB.id)));
		expect((await signatory.post(`/letters/${scene.letterId}/approval?/approve`, fields)).status).toBe(403);
		await db().update(memberships).set({ role: 'signatory' }).where(and(eq(memberships.userId, scene.signatory.id), eq(memberships.organisationId, scene.orgB.id)));

		// The organisation left the coalition: its request no longer lets anyone answer.
		const stranger = await createUser({ name: 'Stranger Sol' });
		const orgC = await createOrganisationWith([{ userId: stranger.id, role: 'owner' }], 'Organisation C');
		await db().insert(coalitionMembers).values({ coalitionId: scene.coalitionId, organisationId: orgC.id });
		await ask([orgC.id]);
		expect((await loadNeedsYou(stranger)).approvals).toHaveLength(1);
		await db().delete(coalitionMembers).where(and(eq(coalitionMembers.coalitionId, scene.coalitionId), eq(coalitionMembers.organisationId, orgC.id)));
		expect((await loadNeedsYou(stranger)).approvals).toEqual([]);
		expect((await refusal(answerAs(stranger, key, orgC.id))).code).toBe('not_found');
		expect((await db().select().from(textApprovals).where(eq(textApprovals.status, 'approved')))).toHaveLength(0);
	});

	it('only coordinators ask, only member organisations can be asked, and a form without a chosen organisation says so', async () => {
		const signatory = await signedInClient(app, scene.signatory.email);
		expect((await signatory.post(`/letters/${scene.letterId}/signing?/askApproval`, { [`organisation-${scene.orgB.id}`]: 'on' })).status).toBe(403);
		const outsiderOrg = (await db().select().from(memberships).where(eq(memberships.userId, scene.outsider.id)))[0]!.organisationId;
		const foreign = await refusal(ask([scene.orgB.id, outsiderOrg]));
		expect(foreign.message).toContain('Only member organisations');
		expect(await db().select().from(textApprovals)).toHaveLength(0);

		const coordinator = await signedInClient(app, scene.coordinator.email);
		const none = await coordinator.post(`/letters/${scene.letterId}/signing?/askApproval`, { message: 'Kept message' });
		expect(none.status).toBe(400);
		expect(pageText(none.text)).toContain('Choose at least one organisation to ask.');
		expect(none.text).toContain('Kept message');
		const asked = await coordinator.post(`/letters/${scene.letterId}/signing?/askApproval`, { [`organisation-${scene.orgB.id}`]: 'on' });
		expect(asked.status).toBe(303);
		expect(asked.location).toContain('done=approvalsAsked');
		expect(await db().select().from(textApprovals)).toHaveLength(1);
		const required = await coordinator.post(`/letters/${scene.letterId}/signing?/requireApprovals`, { required: 'on' });
		expect(required.status).toBe(303);
		expect((await letter()).approvalsRequired).toBe(true);
		expect((await signatory.post(`/letters/${scene.letterId}/signing?/requireApprovals`, { required: 'false' })).status).toBe(403);
		expect((await letter()).approvalsRequired).toBe(true);
	});
});
