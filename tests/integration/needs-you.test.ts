import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { DATABASE_KIND, resetDatabase } from '../helpers/database';
import { startTestApp, pageText, type TestApp } from '../helpers/app';
import { createCoalitionScene, createOrganisationWith, createUser, signedInClient } from '../helpers/factories';
import { db, queryCounter } from '../../src/lib/server/db';
import { coalitionMembers, letters, memberships, organisationInvitations, signatures, signingTexts } from '../../src/lib/server/db/schema';
import { generateId } from '../../src/lib/server/crypto';
import { openSigning } from '../../src/lib/server/signing/open-signing';
import { amendSigningText } from '../../src/lib/server/signing/amend-signing-text';
import { declineToSign } from '../../src/lib/server/signing/decline-to-sign';
import { inviteMemberOrganisations } from '../../src/lib/server/signing/invite-member-organisations';
import { inviteMember } from '../../src/lib/server/organisations/invite-member';
import { createLetter } from '../../src/lib/server/letters/create-letter';
import { addComment } from '../../src/lib/server/letters/add-comment';
import { saveRevision } from '../../src/lib/server/letters/save-revision';
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

/** A signature row as signLetter writes it (the signing path has its own tests). */
async function signAs(organisationId: string, signerId: string) {
	const [letter] = await db().select().from(letters).where(eq(letters.id, scene.letterId));
	const [text] = await db().select().from(signingTexts).where(eq(signingTexts.id, letter!.signingTextId!));
	await db().insert(signatures).values({
		id: generateId(),
		letterId: scene.letterId,
		organisationId,
		signingTextId: text!.id,
		textHash: text!.hash,
		organisationName: 'Organisation B',
		organisationCountry: 'SE',
		signerId,
		signerName: 'Signatory Sami',
		method: 'password',
		signedAt: new Date()
	});
}

const settings = {
	primaryLanguage: 'en',
	place: null,
	letterDate: null,
	dateFormat: 'day_month_year' as const,
	visibility: 'coalition' as const,
	ordering: 'alphabetical' as const,
	initiatorsFirst: false
};

describe(`"Needs you" start page (${DATABASE_KIND})`, () => {
	it('a signatory sees the open letter with its deadline; the plain member and an outsider do not; signing or declining clears it', async () => {
		const deadlineAt = new Date(Date.now() + 3 * 86_400_000);
		await openSigning({ actor: scene.coordinator, letterId: scene.letterId, deadlineAt, deadlineTimeZone: 'Europe/Stockholm' });
		const forSignatory = await loadNeedsYou(scene.signatory);
		expect(forSignatory.toSign).toMatchObject([{ letterId: scene.letterId, title: 'Open letter on civic freedoms', organisationId: scene.orgB.id }]);
		const page = pageText((await (await signedInClient(app, scene.signatory.email)).get('/')).text);
		expect(page).toContain('Letters to sign');
		expect(page).toContain('Open letter on civic freedoms');
		expect(page).toContain('(Europe/Stockholm)');
		expect((await loadNeedsYou(scene.member)).toSign).toEqual([]);
		expect((await loadNeedsYou(scene.outsider)).toSign).toEqual([]);
		expect((await loadNeedsYou(scene.outsider)).count).toBe(0);

		await inviteMemberOrganisations({ actor: scene.coordinator, letterId: scene.letterId, origin: app.origin });
		await declineToSign({ actor: scene.signatory, letterId: scene.letterId, organisationId: scene.orgB.id });
		expect((await loadNeedsYou(scene.signatory)).toSign).toEqual([]);
	});

	it('a signed letter leaves the list, and comes back as a re-confirmation when the text is amended', async () => {
		await openSigning({ actor: scene.coordinator, letterId: scene.letterId, deadlineAt: null, deadlineTimeZone: null });
		await signAs(scene.orgB.id, scene.signatory.id);
		expect((await loadNeedsYou(scene.signatory)).toSign).toEqual([]);
		await saveRevision({
			actor: scene.coordinator,
			letterId: scene.letterId,
			language: 'en',
			baseRevisionId: scene.revisionId,
			text: { title: 'Open letter on civic freedoms', addressees: 'To the Secretary-General of the United Nations', body: 'Amended text.', closing: 'Respectfully' }
		});
		await amendSigningText({ actor: scene.coordinator, letterId: scene.letterId, origin: app.origin });
		const needs = await loadNeedsYou(scene.signatory);
		expect(needs.toSign).toEqual([]);
		expect(needs.toReconfirm).toMatchObject([{ letterId: scene.letterId, organisationName: 'Organisation B' }]);
		expect((await loadNeedsYou(scene.member)).toReconfirm).toEqual([]);
	});

	it('a letter past its deadline is not listed', async () => {
		await openSigning({ actor: scene.coordinator, letterId: scene.letterId, deadlineAt: new Date(Date.now() + 60_000), deadlineTimeZone: 'UTC' });
		await db().update(letters).set({ deadlineAt: new Date(Date.now() - 60_000) }).where(eq(letters.id, scene.letterId));
		expect((await loadNeedsYou(scene.signatory)).toSign).toEqual([]);
	});

	it('drafts count others’ revisions and comments since my last visit; opening the letter resets them; my own do not count', async () => {
		// Never opened: the new draft itself is news for a coalition member, not for an outsider.
		expect((await loadNeedsYou(scene.member)).drafts).toMatchObject([{ letterId: scene.letterId, newRevisions: 1, newComments: 0, lastVisit: null }]);
		expect((await loadNeedsYou(scene.outsider)).drafts).toEqual([]);
		const member = await signedInClient(app, scene.member.email);
		expect((await member.get(`/letters/${scene.letterId}`)).status).toBe(200);
		expect((await loadNeedsYou(scene.member)).drafts).toEqual([]);

		await addComment({ actor: scene.member, letterId: scene.letterId, body: 'My own remark', paragraph: null, language: null, parentId: null });
		expect((await loadNeedsYou(scene.member)).drafts).toEqual([]);
		await addComment({ actor: scene.coordinator, letterId: scene.letterId, body: 'Please look at point 2', paragraph: null, language: null, parentId: null });
		expect((await loadNeedsYou(scene.member)).drafts).toMatchObject([{ letterId: scene.letterId, newRevisions: 0, newComments: 1 }]);
		const page = pageText((await member.get('/')).text);
		expect(page).toContain('Drafts with news');
		expect(page).toContain('Since your last visit: 1 new comment');
	});

	it('the header shows the count on every page for signed-in people, and signed-out visitors get the marketing page', async () => {
		const member = await signedInClient(app, scene.member.email);
		const coalitions = pageText((await member.get('/coalitions')).text);
		expect(coalitions).toMatch(/Needs you\s*1 item/);
		const anonymous = pageText((await new (await import('../helpers/app')).TestClient(app).get('/')).text);
		expect(anonymous).toContain('Open letters, written together and signed by organisations');
		expect(anonymous).not.toContain('Needs you');
	});

	it('a constant number of queries, whatever the number of letters (no N+1)', async () => {
		const counts: number[] = [];
		for (const extra of [1, 30]) {
			for (let i = 0; i < extra; i++) {
				const { id } = await createLetter({
					actor: scene.coordinator,
					coalitionId: scene.coalitionId,
					settings,
					text: { title: `Letter ${counts.length}-${i}`, addressees: 'To all', body: 'Text.', closing: 'Yours' }
				});
				if (i % 2 === 0) await openSigning({ actor: scene.coordinator, letterId: id, deadlineAt: null, deadlineTimeZone: null });
				await addComment({ actor: scene.coordinator, letterId: id, body: 'A note', paragraph: null, language: null, parentId: null }).catch(() => undefined);
			}
			const before = queryCounter.count;
			const needs = await loadNeedsYou(scene.signatory);
			counts.push(queryCounter.count - before);
			expect(needs.toSign.length + needs.drafts.length).toBeGreaterThanOrEqual(extra);
		}
		expect(counts[0]).toBe(counts[1]);
		expect(counts[0]).toBeLessThanOrEqual(7);
	});
});

describe(`invitations waiting for my address (${DATABASE_KIND})`, () => {
	it('an organisation invitation shows on My organisations and the start page, and is answered there', async () => {
		const invited = await createUser({ name: 'Invited Ines' });
		await inviteMember({ actor: scene.coordinator, organisationId: scene.orgA.id, email: invited.email, role: 'signatory', origin: app.origin });
		const client = await signedInClient(app, invited.email);
		const list = pageText((await client.get('/organisations')).text);
		expect(list).toContain('Invitations waiting for you');
		expect(list).toContain('Join Organisation A as signatory');
		expect(pageText((await client.get('/')).text)).toContain('Join Organisation A as signatory');
		const [invitation] = await db().select().from(organisationInvitations).where(eq(organisationInvitations.email, invited.email));
		const response = await client.post('/organisations?/acceptOrganisation', { invitationId: invitation!.id });
		expect(response.status).toBe(303);
		expect(response.location).toBe(`/organisations/${scene.orgA.id}?welcome=1`);
		const [membership] = await db().select().from(memberships).where(eq(memberships.userId, invited.id));
		expect(membership?.role).toBe('signatory');
		expect((await loadNeedsYou(invited)).invitations).toEqual([]);
	});

	it('AU11: someone else posting the invitation id is refused, and an unconfirmed account with the invited address sees nothing', async () => {
		const invitedEmail = 'waiting-person@example.org';
		await inviteMember({ actor: scene.coordinator, organisationId: scene.orgA.id, email: invitedEmail, role: 'owner', origin: app.origin });
		const [invitation] = await db().select().from(organisationInvitations).where(eq(organisationInvitations.email, invitedEmail));
		const intruder = await signedInClient(app, scene.outsider.email);
		expect(pageText((await intruder.get('/organisations')).text)).not.toContain('Organisation A');
		const refused = await intruder.post('/organisations?/acceptOrganisation', { invitationId: invitation!.id });
		expect(refused.status).toBe(403);
		expect(pageText(refused.text)).toContain('w•••@e•••.org');
		expect(await db().select().from(memberships).where(eq(memberships.userId, scene.outsider.id))).toHaveLength(1);

		const unconfirmed = await createUser({ email: invitedEmail, verified: false });
		expect((await loadNeedsYou(unconfirmed)).invitations).toEqual([]);
		const forged = await db().select().from(organisationInvitations).where(eq(organisationInvitations.id, 'not-an-id'));
		expect(forged).toEqual([]);
		const unknown = await intruder.post('/organisations?/acceptOrganisation', { invitationId: 'unknown-id' });
		expect(unknown.status).toBe(400);
	});

	it('a coalition invitation is answered for an organisation I own; not for one I only belong to', async () => {
		const owner = await createUser({ name: 'New Owner' });
		const own = await createOrganisationWith([{ userId: owner.id, role: 'owner' }], 'Newcomers');
		const { inviteOrganisation } = await import('../../src/lib/server/coalitions/invite-organisation');
		await inviteOrganisation({ actor: scene.coordinator, coalitionId: scene.coalitionId, email: owner.email, message: null, origin: app.origin });
		const needs = await loadNeedsYou(owner);
		expect(needs.invitations).toMatchObject([{ kind: 'coalition', coalitionName: 'Steppe Coalition' }]);
		const client = await signedInClient(app, owner.email);
		const refused = await client.post('/organisations?/acceptCoalition', { invitationId: needs.invitations[0]!.id, organisationId: scene.orgB.id });
		expect(refused.status).toBeGreaterThanOrEqual(400);
		const accepted = await client.post('/organisations?/acceptCoalition', { invitationId: needs.invitations[0]!.id, organisationId: own.id });
		expect(accepted.location).toBe(`/coalitions/${scene.coalitionId}`);
		expect(await db().select().from(coalitionMembers).where(eq(coalitionMembers.organisationId, own.id))).toHaveLength(1);
	});

	it('creating an organisation from an invitation returns to it; a foreign redirect does not', async () => {
		const user = await createUser();
		const client = await signedInClient(app, user.email);
		const profile = { displayName: 'Back Again', country: 'SE' };
		const back = await client.post(`/organisations/new?redirectTo=${encodeURIComponent('/sign-invitations/abc')}`, profile);
		expect(back.location).toBe('/sign-invitations/abc');
		const evil = await client.post(`/organisations/new?redirectTo=${encodeURIComponent('//evil.example')}`, { ...profile, displayName: 'Other One' });
		expect(evil.location).toMatch(/^\/organisations\/[^/]+\?created=1$/);
	});
});
