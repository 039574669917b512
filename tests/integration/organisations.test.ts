import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { DATABASE_KIND, resetDatabase } from '../helpers/database';
import { startTestApp, TestClient, pageText, type TestApp } from '../helpers/app';
import { linkIn } from '../helpers/mail';
import { createOrganisationWith, createUser, PASSWORD, signedInClient, uniqueEmail } from '../helpers/factories';
import { db } from '../../src/lib/server/db';
import { memberships, organisationInvitations, organisations } from '../../src/lib/server/db/schema';

let app: TestApp;

beforeAll(async () => {
	app = await startTestApp();
});

beforeEach(async () => {
	await resetDatabase();
	app.mail.clear();
});

const profile = (overrides: Record<string, string> = {}) => ({
	displayName: 'Нүүдэлчдийн Холбоо',
	shortName: 'NKh',
	country: 'SE',
	city: 'Stockholm',
	website: 'nuudelchid.example',
	contactEmail: 'info@nuudelchid.example',
	description: 'Diaspora association.\nFounded 2009.',
	otherName1: 'Union of Nomads',
	otherLanguage1: 'en',
	...overrides
});

async function roleOf(organisationId: string, userId: string) {
	const [row] = await db()
		.select({ role: memberships.role })
		.from(memberships)
		.where(and(eq(memberships.organisationId, organisationId), eq(memberships.userId, userId)));
	return row?.role ?? null;
}

describe(`organisations through the real handle (${DATABASE_KIND})`, () => {
	it('creates an organisation whose creator becomes its owner, listed under My organisations', async () => {
		const user = await createUser();
		const client = await signedInClient(app, user.email);
		const response = await client.post('/organisations/new', profile());
		expect(response.status).toBe(303);
		const id = response.location!.split('/')[2]!.split('?')[0]!;
		const [row] = await db().select().from(organisations).where(eq(organisations.id, id));
		expect(row).toMatchObject({ displayName: 'Нүүдэлчдийн Холбоо', country: 'SE', website: 'https://nuudelchid.example/' });
		expect(row?.otherNames).toEqual([{ language: 'en', name: 'Union of Nomads' }]);
		expect(await roleOf(id, user.id)).toBe('owner');
		const list = pageText((await client.get('/organisations')).text);
		expect(list).toContain('Нүүдэлчдийн Холбоо');
		expect(list).toContain('Owner');
		expect(list).toContain('Sweden');
	});

	it('issue 14 point 5: the language of a name in another language is chosen by its name; a name without one is refused on the form', async () => {
		const user = await createUser();
		const client = await signedInClient(app, user.email);
		const form = (await client.get('/organisations/new')).text;
		expect(form).toMatch(/<select id="field-otherLanguage1" name="otherLanguage1"/);
		expect(form).toMatch(/<option value="mn-Latn"[^>]*>Mongolian \(Latin\)<\/option>/);
		expect(form).toMatch(/<option value="mn"[^>]*>Mongolian<\/option>/);
		expect(form).toMatch(/<option value="mn-Mong"[^>]*>Mongolian \(traditional script\)<\/option>/);
		const refused = await client.post('/organisations/new', profile({ otherLanguage1: '' }));
		expect(refused.status).toBe(400);
		expect(pageText(refused.text)).toContain('Choose the language of this name.');
		expect(refused.text).toContain('Union of Nomads');
		const response = await client.post('/organisations/new', profile({ otherName1: 'Nüüdelchdiin Kholboo', otherLanguage1: 'mn-Latn' }));
		expect(response.status).toBe(303);
		const id = response.location!.split('/')[2]!.split('?')[0]!;
		const edit = (await client.get(`/organisations/${id}/edit`)).text;
		expect(edit).toMatch(/<option value="mn-Latn" selected[^>]*>Mongolian \(Latin\)<\/option>/);
	});

	it('normalises names to NFC', async () => {
		const user = await createUser();
		const client = await signedInClient(app, user.email);
		const decomposed = 'Sélénga'.normalize('NFD');
		const response = await client.post('/organisations/new', profile({ displayName: decomposed }));
		const id = response.location!.split('/')[2]!.split('?')[0]!;
		const [row] = await db().select().from(organisations).where(eq(organisations.id, id));
		expect(row?.displayName).toBe('Sélénga'.normalize('NFC'));
	});

	it.each([
		['a NUL byte', { displayName: 'Evil\u0000Org' }, 'displayName', 'NUL'],
		['a right-to-left override', { displayName: 'Good \u202Egro liveE' }, 'displayName', 'direction'],
		['a zero-width space', { displayName: 'Steppe\u200BCircle' }, 'displayName', 'zero-width'],
		['an overlong name', { displayName: 'x'.repeat(201) }, 'displayName', 'too long'],
		['an unknown country', { country: 'XX' }, 'country', 'country'],
		['a missing country', { country: '' }, 'country', 'country'],
		['a bad website', { website: 'javascript:alert(1)' }, 'website', 'web address'],
		['a bad contact e-mail', { contactEmail: 'not-an-address' }, 'contactEmail', 'e-mail address'],
		['a character no letter font has', { displayName: 'Ol Chiki ᱚ Society' }, 'displayName', '“ᱚ” (U+1C5A) cannot be printed in the letter.']
	])('refuses %s with a message on the form, keeping what was typed', async (_case, overrides, _field, message) => {
		const user = await createUser();
		const client = await signedInClient(app, user.email);
		const response = await client.post('/organisations/new', profile(overrides));
		expect(response.status).toBe(400);
		expect(pageText(response.text)).toContain(message);
		expect(response.text).toContain('value="Stockholm"');
		expect(await db().select().from(organisations)).toHaveLength(0);
	});

	it('asks a person to confirm their address before creating an organisation', async () => {
		const user = await createUser({ verified: false });
		const client = await signedInClient(app, user.email);
		const response = await client.post('/organisations/new', profile());
		expect(response.status).toBe(303);
		expect(response.location).toBe('/verify-email');
		expect(await db().select().from(organisations)).toHaveLength(0);
	});

	it('lets owners edit the profile, and refuses members (403, nothing changed)', async () => {
		const owner = await createUser();
		const member = await createUser();
		const org = await createOrganisationWith([
			{ userId: owner.id, role: 'owner' },
			{ userId: member.id, role: 'signatory' }
		]);
		const memberClient = await signedInClient(app, member.email);
		expect((await memberClient.get(`/organisations/${org.id}/edit`)).status).toBe(403);
		const refused = await memberClient.post(`/organisations/${org.id}/edit`, profile({ displayName: 'Hijacked' }));
		expect(refused.status).toBe(403);
		const ownerClient = await signedInClient(app, owner.email);
		expect((await ownerClient.post(`/organisations/${org.id}/edit`, profile({ displayName: 'Renamed' }))).status).toBe(303);
		const [row] = await db().select().from(organisations).where(eq(organisations.id, org.id));
		expect(row?.displayName).toBe('Renamed');
		// The edit form comes back filled in, description included, without JavaScript.
		const form = await ownerClient.get(`/organisations/${org.id}/edit`);
		expect(form.text).toContain('value="Renamed"');
		expect(form.text).toMatch(/<textarea[^>]*>Diaspora association.\nFounded 2009.<\/textarea>/);
	});

	it('AZ5: an organisation one does not belong to answers exactly like one that does not exist', async () => {
		const owner = await createUser();
		const outsider = await createUser();
		const org = await createOrganisationWith([{ userId: owner.id, role: 'owner' }], 'Secret Circle');
		const client = await signedInClient(app, outsider.email);
		const hidden = await client.get(`/organisations/${org.id}`);
		const missing = await client.get('/organisations/doesnotexist0000000000000');
		expect(hidden.status).toBe(404);
		expect(missing.status).toBe(404);
		expect(pageText(hidden.text)).toBe(pageText(missing.text));
		const data = await client.get(`/organisations/${org.id}/__data.json`);
		expect(data.text).not.toContain('Secret Circle');
		expect(data.text).not.toContain(owner.email);
		const action = await client.post(`/organisations/${org.id}?/invite`, { email: uniqueEmail(), role: 'owner' });
		expect(action.status).toBe(404);
		expect(await db().select().from(organisationInvitations)).toHaveLength(0);
	});

	it('invites by e-mail; the invitee signs up through the link and lands in the organisation', async () => {
		const owner = await createUser({ name: 'Oyuna Owner' });
		const org = await createOrganisationWith([{ userId: owner.id, role: 'owner' }], 'Steppe Heritage Circle');
		const ownerClient = await signedInClient(app, owner.email);
		const invitee = uniqueEmail('invitee');
		const sent = await ownerClient.post(`/organisations/${org.id}?/invite`, { email: invitee, role: 'signatory' });
		expect(sent.status).toBe(303);
		expect(pageText((await ownerClient.follow(sent)).text)).toContain(`Invitation sent to ${invitee}.`);
		const mail = await app.mail.waitFor(invitee, /Join Steppe Heritage Circle/);
		expect(mail.text).toContain('Oyuna Owner');
		const link = new URL(linkIn(mail, '/invitations/'));
		const client = new TestClient(app);
		const page = await client.get(link.pathname);
		expect(pageText(page.text)).toContain('Steppe Heritage Circle');
		const signUp = await client.post('/sign-up', {
			name: 'New Signatory',
			email: invitee,
			password: 'a long enough passphrase',
			invitation: link.pathname.split('/').pop()!,
			redirectTo: link.pathname
		});
		expect(signUp.status).toBe(303);
		expect(signUp.location).toBe(`/organisations/${org.id}?welcome=1`);
		const landed = await client.get(signUp.location!);
		expect(pageText(landed.text)).toContain('Steppe Heritage Circle');
		expect(pageText(landed.text)).toContain('New Signatory');
		// AU4: single use.
		const again = await new TestClient(app).get(link.pathname);
		expect(pageText(again.text)).toContain('already accepted');
	});

	it('an invitation to join carries the owner’s personal message, escaped in HTML; a NUL byte in it is refused and nothing is sent', async () => {
		const owner = await createUser({ name: 'Oyuna Owner' });
		const org = await createOrganisationWith([{ userId: owner.id, role: 'owner' }], 'Steppe Heritage Circle');
		const ownerClient = await signedInClient(app, owner.email);
		const refusedInvitee = uniqueEmail('refused');
		const refused = await ownerClient.post(`/organisations/${org.id}?/invite`, { email: refusedInvitee, role: 'signatory', message: 'Wel\u0000come' });
		expect(refused.status).toBe(400);
		expect(pageText(refused.text)).toContain('cannot be stored');
		expect(refused.text).toContain(refusedInvitee);
		expect(await db().select().from(organisationInvitations).where(eq(organisationInvitations.organisationId, org.id))).toEqual([]);
		const invitee = uniqueEmail('invitee');
		const sent = await ownerClient.post(`/organisations/${org.id}?/invite`, { email: invitee, role: 'signatory', message: 'Welcome <b>aboard</b> & see you' });
		expect(sent.status).toBe(303);
		const mail = await app.mail.waitFor(invitee, /Join Steppe Heritage Circle/);
		expect(mail.text).toContain('Message from Oyuna Owner:\n\n> Welcome <b>aboard</b> & see you');
		expect(mail.html).toContain('Welcome &lt;b&gt;aboard&lt;/b&gt; &amp; see you');
		expect(app.mail.messages.some((m) => m.to === refusedInvitee)).toBe(false);
	});

	it('an existing account accepts an invitation after signing in, keeping its higher role', async () => {
		const owner = await createUser();
		const person = await createUser();
		const org = await createOrganisationWith([{ userId: owner.id, role: 'owner' }]);
		const ownerClient = await signedInClient(app, owner.email);
		await ownerClient.post(`/organisations/${org.id}?/invite`, { email: person.email, role: 'member' });
		const link = new URL(linkIn(await app.mail.waitFor(person.email, /Join/), '/invitations/'));
		const anonymous = await new TestClient(app).post(link.pathname, {});
		expect(anonymous.status).toBe(303);
		expect(anonymous.location).toContain('/sign-in?redirectTo=');
		const client = await signedInClient(app, person.email);
		expect((await client.post(link.pathname, {})).status).toBe(303);
		expect(await roleOf(org.id, person.id)).toBe('member');
	});

	it('refuses expired and withdrawn invitations with a clear message', async () => {
		const owner = await createUser();
		const person = await createUser();
		const org = await createOrganisationWith([{ userId: owner.id, role: 'owner' }]);
		const ownerClient = await signedInClient(app, owner.email);
		await ownerClient.post(`/organisations/${org.id}?/invite`, { email: person.email, role: 'member' });
		const link = new URL(linkIn(await app.mail.waitFor(person.email, /Join/), '/invitations/'));
		await db().update(organisationInvitations).set({ expiresAt: new Date(Date.now() - 1000) });
		const client = await signedInClient(app, person.email);
		expect(pageText((await client.get(link.pathname)).text)).toContain('expired');
		const refused = await client.post(link.pathname, {});
		expect(refused.status).toBe(400);
		expect(await roleOf(org.id, person.id)).toBeNull();
		await db().update(organisationInvitations).set({ expiresAt: new Date(Date.now() + 60_000), revokedAt: new Date() });
		expect(pageText((await client.get(link.pathname)).text)).toContain('withdrawn');
	});

	it('owners change roles; the last owner can be neither demoted nor leave', async () => {
		const owner = await createUser();
		const member = await createUser();
		const org = await createOrganisationWith([
			{ userId: owner.id, role: 'owner' },
			{ userId: member.id, role: 'member' }
		]);
		const client = await signedInClient(app, owner.email);
		const demote = await client.post(`/organisations/${org.id}?/role`, { userId: owner.id, role: 'member' });
		expect(demote.status).toBe(409);
		expect(pageText(demote.text)).toContain('at least one owner');
		const leave = await client.post(`/organisations/${org.id}?/leave`, {});
		expect(leave.status).toBe(409);
		expect(pageText(leave.text)).toContain('last owner');
		expect(await roleOf(org.id, owner.id)).toBe('owner');
		expect((await client.post(`/organisations/${org.id}?/role`, { userId: member.id, role: 'owner' })).status).toBe(303);
		expect((await client.post(`/organisations/${org.id}?/leave`, {})).status).toBe(303);
		expect(await roleOf(org.id, owner.id)).toBeNull();
		expect(await roleOf(org.id, member.id)).toBe('owner');
	});

	it("AZ1: a member cannot use an owner's actions (403, nothing changes)", async () => {
		const owner = await createUser();
		const member = await createUser();
		const org = await createOrganisationWith([
			{ userId: owner.id, role: 'owner' },
			{ userId: member.id, role: 'signatory' }
		]);
		const client = await signedInClient(app, member.email);
		expect((await client.post(`/organisations/${org.id}?/role`, { userId: member.id, role: 'owner' })).status).toBe(403);
		expect((await client.post(`/organisations/${org.id}?/remove`, { userId: owner.id, confirm: 'yes' })).status).toBe(403);
		expect((await client.post(`/organisations/${org.id}?/invite`, { email: uniqueEmail(), role: 'owner' })).status).toBe(403);
		expect(await roleOf(org.id, member.id)).toBe('signatory');
		expect(await roleOf(org.id, owner.id)).toBe('owner');
		expect(await db().select().from(organisationInvitations)).toHaveLength(0);
		// Members see fellow members but not their e-mail addresses.
		const page = await client.get(`/organisations/${org.id}`);
		expect(page.text).not.toContain(owner.email);
	});

	it('an owner of A cannot act on B by posting B-member ids to A', async () => {
		const ownerA = await createUser();
		const ownerB = await createUser();
		const memberB = await createUser();
		const a = await createOrganisationWith([{ userId: ownerA.id, role: 'owner' }], 'A');
		const b = await createOrganisationWith([
			{ userId: ownerB.id, role: 'owner' },
			{ userId: memberB.id, role: 'member' }
		], 'B');
		const client = await signedInClient(app, ownerA.email);
		expect((await client.post(`/organisations/${a.id}?/role`, { userId: memberB.id, role: 'owner' })).status).toBe(404);
		expect((await client.post(`/organisations/${a.id}?/remove`, { userId: memberB.id, confirm: 'yes' })).status).toBe(404);
		expect(await roleOf(b.id, memberB.id)).toBe('member');
	});

	it('SE7: a removed member loses access on their very next request', async () => {
		const owner = await createUser();
		const member = await createUser();
		const org = await createOrganisationWith([
			{ userId: owner.id, role: 'owner' },
			{ userId: member.id, role: 'member' }
		]);
		const memberClient = await signedInClient(app, member.email);
		expect((await memberClient.get(`/organisations/${org.id}`)).status).toBe(200);
		const ownerClient = await signedInClient(app, owner.email);
		expect((await ownerClient.post(`/organisations/${org.id}?/remove`, { userId: member.id, confirm: 'yes' })).status).toBe(303);
		expect((await memberClient.get(`/organisations/${org.id}`)).status).toBe(404);
	});

	it('asks visitors who are not signed in to sign in first', async () => {
		const owner = await createUser();
		const org = await createOrganisationWith([{ userId: owner.id, role: 'owner' }]);
		const response = await new TestClient(app).get(`/organisations/${org.id}`);
		expect(response.status).toBe(303);
		expect(response.location).toBe(`/sign-in?redirectTo=${encodeURIComponent(`/organisations/${org.id}`)}`);
		const posted = await new TestClient(app).post(`/organisations/${org.id}?/leave`, {});
		expect(posted.status).toBe(303);
		expect(await roleOf(org.id, owner.id)).toBe('owner');
	});

	it('XS1: script in an organisation name stays inert text', async () => {
		const user = await createUser();
		const client = await signedInClient(app, user.email);
		const payload = '<script>alert(1)</script><img src=x onerror=alert(2)>';
		const response = await client.post('/organisations/new', profile({ displayName: payload }));
		const page = await client.get(response.location!);
		expect(page.text).not.toContain('<script>alert(1)');
		expect(page.text).not.toContain('<img src=x');
		expect(page.text).toContain('&lt;script>alert(1)&lt;/script>');
		expect(PASSWORD).toBeTruthy();
	});
});
