import crypto from 'node:crypto';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { and, count, eq } from 'drizzle-orm';
import { CapturingSmtp, type CapturedMail } from '../helpers/capturing-smtp';
import { refusal } from '../helpers/refusal';
import { DATABASE_KIND, resetDatabase } from '../helpers/database';
import { pageText, startTestApp, TestClient, TEST_BOUNCE_ADDRESS, TEST_INSTANCE_ADMIN, type TestApp } from '../helpers/app';
import { createCoalitionScene, createUser, signedInClient } from '../helpers/factories';
import { db } from '../../src/lib/server/db';
import { auditEvents, coalitions, editions, letters, mailSuppressions, outboxMessages, publications, recipients, unsubscribeTokens } from '../../src/lib/server/db/schema';
import { generateId, hashSecret } from '../../src/lib/server/crypto';
import { settings, parseSettings } from '../../src/lib/server/env';
import { openSigning } from '../../src/lib/server/signing/open-signing';
import { verifyAuditChain } from '../../src/lib/server/audit/verify-audit-chain';
import { addRecipient } from '../../src/lib/server/distribution/add-recipient';
import { importRecipientsCsv } from '../../src/lib/server/distribution/import-recipients-csv';
import { queueDistribution } from '../../src/lib/server/distribution/queue-distribution';
import { queueMail } from '../../src/lib/server/mail/queue-mail';
import { pauseOutboxWorker, resumeOutboxWorker, runOutboxOnce, UNSUBSCRIBED_ERROR } from '../../src/lib/server/mail/outbox-worker';
import { createSmtpSender, type OutboxSender } from '../../src/lib/server/mail/outbox-mailer';
import { AppError } from '../../src/lib/server/errors';

/*
 * AV6 (issue 11, point 9): new or small coalitions send within limits an instance
 * administrator can lift; every letter carries List-Unsubscribe and a link to a page
 * whose one button stops the letters; the outbox honours it; cross-site form POSTs stay
 * refused (CS1), the unsubscribe link included; bounces go to MAIL_BOUNCE_ADDRESS.
 */

let app: TestApp;
let smtp: CapturingSmtp;
let send: OutboxSender;
let scene: Awaited<ReturnType<typeof createCoalitionScene>>;

beforeAll(async () => {
	app = await startTestApp();
	// These tests drive the outbox themselves.
	await pauseOutboxWorker();
});

afterAll(() => resumeOutboxWorker());

beforeEach(async () => {
	await resetDatabase();
	smtp = await CapturingSmtp.start();
	send = createSmtpSender(smtp.url);
	scene = await createCoalitionScene();
	await openSigning({ actor: scene.coordinator, letterId: scene.letterId, deadlineAt: null, deadlineTimeZone: null });
});

afterEach(() => smtp.close());

/** An edition as publishing stores it, with one small PDF. */
async function insertEdition(number = 1) {
	const [letter] = await db().select().from(letters).where(eq(letters.id, scene.letterId));
	const id = generateId();
	await db()
		.insert(editions)
		.values({
			id,
			letterId: scene.letterId,
			number,
			code: generateId().slice(0, 10).toUpperCase(),
			letterDate: '2024-05-20',
			publishedAt: new Date(),
			publishedBy: scene.coordinator.id,
			signingTextId: letter!.signingTextId!,
			signingTextHash: 'a'.repeat(64),
			auditHeadHash: 'b'.repeat(64),
			signatureCount: 3
		});
	const pdf = Buffer.from(`%PDF-1.7\n% edition ${number}\n%%EOF\n`);
	await db()
		.insert(publications)
		.values({ id: generateId(), editionId: id, language: 'en', title: 'Open letter on civic freedoms', sha256: crypto.createHash('sha256').update(pdf).digest('hex'), size: pdf.length, pdf });
	return { id };
}

const people = (n: number, from = 0) => Array.from({ length: n }, (_, i) => ({ name: `Person ${from + i}`, email: `p${from + i}@example.org` }));
const csvOf = (list: { name: string; email: string }[]) => `name,email\n${list.map((p) => `${p.name},${p.email}`).join('\n')}\n`;
const sendEdition = (editionId: string) => queueDistribution({ actor: scene.coordinator, letterId: scene.letterId, editionId, coverMessage: 'Please read our letter.', origin: app.origin });

async function countRows(table: typeof outboxMessages | typeof recipients | typeof mailSuppressions | typeof unsubscribeTokens) {
	const [row] = await db().select({ n: count() }).from(table);
	return row!.n;
}

/** Distribution messages the coalition queued earlier today, as if sent from another of its letters. */
async function useBudget(messages: number) {
	await db().transaction((tx) =>
		queueMail(
			tx,
			Array.from({ length: messages }, (_, i) => ({
				kind: 'distribution' as const,
				letterId: scene.letterId,
				message: { to: `earlier${i}@example.org`, subject: 'Earlier', text: 'Earlier', html: '<p>Earlier</p>' }
			}))
		)
	);
}

function multipart(fields: Record<string, string>) {
	const boundary = `----provider${generateId()}`;
	const body = Object.entries(fields)
		.map(([name, value]) => `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`)
		.join('') + `--${boundary}--\r\n`;
	return { body, contentType: `multipart/form-data; boundary=${boundary}` };
}

/** A header as it was on the wire (mailparser turns List-* headers into objects). */
function rawHeader(mail: CapturedMail, name: string): string {
	const line = mail.headerLines.find((h) => h.key === name)?.line ?? '';
	return line.slice(line.indexOf(':') + 1).trim();
}

/** Queues and delivers the first edition to the listed people, and returns each one's unsubscribe link from the delivered mail. */
async function deliverAndReadLinks(list: { name: string; email: string }[]) {
	await importRecipientsCsv(scene.letterId, csvOf(list), scene.coordinator);
	const edition = await insertEdition(1);
	await sendEdition(edition.id);
	await runOutboxOnce({ send, limit: 50 });
	return list.map((p) => {
		const [mail] = smtp.to(p.email);
		const url = /^<(.+)>$/.exec(rawHeader(mail!, 'list-unsubscribe'))![1]!;
		return new URL(url).pathname;
	});
}

describe(`sending limits and unsubscribes (${DATABASE_KIND})`, () => {
	it('the settings have the documented defaults and refuse nonsense', () => {
		expect(parseSettings({}).sendingLimits).toEqual({ newCoalitionDays: 14, minOrganisations: 3, maxRecipientsPerLetter: 50, maxMessagesPerDay: 200 });
		const set = parseSettings({ NEW_COALITION_MAX_MESSAGES_PER_DAY: '20', INSTANCE_ADMIN_EMAILS: ' Admin@Example.org , second@example.org', MAIL_BOUNCE_ADDRESS: 'b@example.org' });
		expect(set.sendingLimits.maxMessagesPerDay).toBe(20);
		expect(set.instanceAdminEmails).toEqual(['admin@example.org', 'second@example.org']);
		expect(set.mailBounceAddress).toBe('b@example.org');
		for (const bad of [{ NEW_COALITION_DAYS: '-1' }, { NEW_COALITION_MAX_RECIPIENTS_PER_LETTER: '5e3' }, { INSTANCE_ADMIN_EMAILS: 'not an address' }, { MAIL_BOUNCE_ADDRESS: 'Name <b@example.org>' }]) {
			expect(() => parseSettings(bad), JSON.stringify(bad)).toThrow(/cannot start/);
		}
		// The test app runs with an administrator and a bounce address set (tests/helpers/app.ts).
		expect(settings().instanceAdminEmails).toContain(TEST_INSTANCE_ADMIN);
		expect(settings().mailBounceAddress).toBe(TEST_BOUNCE_ADDRESS);
	});

	it('AV6: a new coalition’s letter takes at most 50 e-mail recipients: a larger CSV imports nothing, one more is refused, postal ones still fit', async () => {
		const tooMany = await importRecipientsCsv(scene.letterId, csvOf(people(51)), scene.coordinator).catch((e: unknown) => e);
		expect(tooMany).toBeInstanceOf(AppError);
		expect((tooMany as AppError).code).toBe('sending_limit');
		expect((tooMany as AppError).message).toMatch(/Nothing was imported.*at most 50.*has 0 and the file adds 51.*instance administrator/);
		expect(await countRows(recipients)).toBe(0);

		expect(await importRecipientsCsv(scene.letterId, csvOf(people(50)), scene.coordinator)).toMatchObject({ ok: true, imported: 50 });
		const one = { name: 'One more', title: null, organisation: null, email: 'one-more@example.org', postalAddress: null, language: null };
		const error = await refusal(addRecipient({ actor: scene.coordinator, letterId: scene.letterId, recipient: one }));
		expect(error.code).toBe('sending_limit');
		await addRecipient({ actor: scene.coordinator, letterId: scene.letterId, recipient: { ...one, email: null, postalAddress: 'Ministry, Street 1' } });
		expect(await countRows(recipients)).toBe(51);

		// Through the form: the message lands on the add form, and the page states the limit and how to lift it.
		const client = await signedInClient(app, scene.coordinator.email);
		const response = await client.post(`/letters/${scene.letterId}/recipients?/add`, { name: 'Via form', email: 'via-form@example.org' });
		expect(response.status).toBe(409);
		expect(pageText(response.text)).toMatch(/at most 50 recipients by e-mail/);
		const page = pageText((await client.get(`/letters/${scene.letterId}/recipients`)).text);
		expect(page).toMatch(/Sending limits/);
		expect(page).toMatch(/younger than 14 days and it has fewer than 3 member organisations/);
		expect(page).toMatch(/This letter has 50 of 50 recipients with an e-mail address; 0 of 200 messages/);
		expect(page).toMatch(/ask the administrator of this Undersigned instance/);
	});

	it('AV6: a send that would go over the daily budget is refused whole, before anything is queued; within it, it goes', async () => {
		await importRecipientsCsv(scene.letterId, csvOf(people(11)), scene.coordinator);
		const edition = await insertEdition();
		await useBudget(190);
		const before = await countRows(outboxMessages);
		const error = await refusal(sendEdition(edition.id));
		expect(error.code).toBe('sending_limit');
		expect(error.message).toMatch(/Nothing was sent.*200 messages in 24 hours; 190 went out.*10 are left and this send needs 11/);
		expect(await countRows(outboxMessages)).toBe(before);
		expect(await db().select().from(auditEvents).where(eq(auditEvents.type, 'distribution.queued'))).toEqual([]);

		// Through the form the coordinator reads the same, on the send form.
		const client = await signedInClient(app, scene.coordinator.email);
		const response = await client.post(`/letters/${scene.letterId}/recipients?/send`, { editionId: edition.id, coverMessage: 'Hello', confirm: 'yes' });
		expect(response.status).toBe(409);
		expect(pageText(response.text)).toMatch(/Nothing was sent/);
		expect(await countRows(outboxMessages)).toBe(before);

		await db().delete(recipients).where(eq(recipients.email, 'p10@example.org'));
		expect(await sendEdition(edition.id)).toMatchObject({ queued: 10 });
	});

	it('AV6: two sends at the same moment cannot both spend the last of the budget', async () => {
		await importRecipientsCsv(scene.letterId, csvOf(people(10)), scene.coordinator);
		const [first, second] = [await insertEdition(1), await insertEdition(2)];
		await useBudget(190);
		const results = await Promise.allSettled([sendEdition(first.id), sendEdition(second.id)]);
		expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
		const rejected = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
		expect((rejected.reason as AppError).code).toBe('sending_limit');
		const [row] = await db().select({ n: count() }).from(outboxMessages).where(eq(outboxMessages.kind, 'distribution'));
		expect(row!.n).toBe(200);
	});

	it('AV6: an instance administrator lifts a coalition’s limits (audited); everyone else gets 404 and changes nothing', async () => {
		const stranger = await signedInClient(app, scene.coordinator.email);
		expect((await stranger.get('/admin/coalitions')).status).toBe(404);
		expect((await new TestClient(app).get('/admin/coalitions')).status).toBe(404);
		expect((await new TestClient(app).post('/admin/coalitions?/lift', { coalitionId: scene.coalitionId })).status).toBe(404);
		const refused = await stranger.post('/admin/coalitions?/lift', { coalitionId: scene.coalitionId });
		expect(refused.status).toBe(404);
		expect((await db().select().from(coalitions).where(eq(coalitions.id, scene.coalitionId)))[0]!.sendingLimitsLiftedAt).toBeNull();

		await createUser({ email: TEST_INSTANCE_ADMIN, verified: true, name: 'Instance Admin' });
		const admin = await signedInClient(app, TEST_INSTANCE_ADMIN);
		const list = await admin.get('/admin/coalitions');
		expect(list.status).toBe(200);
		expect(pageText(list.text)).toMatch(/Steppe Coalition .* Limited: it is younger than 14 days and it has fewer than 3 member organisations/);

		const lifted = await admin.post('/admin/coalitions?/lift', { coalitionId: scene.coalitionId });
		expect(lifted.status).toBe(303);
		expect(pageText((await admin.follow(lifted)).text)).toMatch(/Steppe Coalition can now send without the limits/);
		const [coalition] = await db().select().from(coalitions).where(eq(coalitions.id, scene.coalitionId));
		expect(coalition!.sendingLimitsLiftedAt).toBeInstanceOf(Date);
		const entries = await db().select().from(auditEvents).where(and(eq(auditEvents.chainId, scene.coalitionId), eq(auditEvents.type, 'coalition.sending_limits_lifted')));
		expect(entries).toHaveLength(1);
		expect(entries[0]!.actorId).not.toBe(scene.coordinator.id);
		expect(await verifyAuditChain(scene.coalitionId)).toMatchObject({ ok: true });

		// Lifted: a long list imports, and the page says the coalition is not limited.
		expect(await importRecipientsCsv(scene.letterId, csvOf(people(60)), scene.coordinator)).toMatchObject({ ok: true, imported: 60 });
		expect(pageText((await stranger.get(`/letters/${scene.letterId}/recipients`)).text)).toMatch(/not limited/);

		expect((await admin.post('/admin/coalitions?/restore', { coalitionId: scene.coalitionId })).status).toBe(303);
		expect((await db().select().from(auditEvents).where(eq(auditEvents.type, 'coalition.sending_limits_restored')))).toHaveLength(1);
		const one = { name: 'One more', title: null, organisation: null, email: 'one-more@example.org', postalAddress: null, language: null };
		expect((await refusal(addRecipient({ actor: scene.coordinator, letterId: scene.letterId, recipient: one }))).code).toBe('sending_limit');
	});

	it('AV6: every letter carries List-Unsubscribe and a plain link, and goes out with the bounce address as envelope sender', async () => {
		const [path] = await deliverAndReadLinks(people(1));
		const [mail] = smtp.to('p0@example.org');
		expect(rawHeader(mail!, 'list-unsubscribe')).toBe(`<${app.origin}${path}>`);
		// No RFC 8058 one-click header: that POST would be cross-site, which CS1 refuses.
		expect(mail!.headerLines.some((h) => h.key === 'list-unsubscribe-post')).toBe(false);
		expect(mail!.text).toContain(`${app.origin}${path}`);
		expect(mail!.text).toContain('abuse@undersigned.example');
		expect(mail!.envelopeFrom).toBe(TEST_BOUNCE_ADDRESS);
		expect(path).toMatch(/^\/unsubscribe\/[a-z2-7]{32}$/);
		// Only hashes are stored: of the token and of the address.
		const [token] = await db().select().from(unsubscribeTokens);
		expect(token!.tokenHash).toBe(hashSecret(path!.split('/')[2]!));
		expect(token!.addressHash).toBe(hashSecret('p0@example.org'));
	});

	it('AV6, CS4: opening the link changes nothing; its button stops the mail, and the outbox then skips that address', async () => {
		const [path, otherPath] = await deliverAndReadLinks(people(2));
		const provider = new TestClient(app);
		const page = await provider.get(path!);
		expect(page.status).toBe(200);
		expect(pageText(page.text)).toMatch(/Stop sending me letters/);
		expect(await countRows(mailSuppressions)).toBe(0);
		expect((await provider.get('/unsubscribe/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa')).status).toBe(404);

		// A letter queued before the recipient unsubscribes.
		const second = await insertEdition(2);
		expect(await sendEdition(second.id)).toMatchObject({ queued: 2 });

		const pressed = await provider.post(path!, {});
		expect(pressed.status).toBe(200);
		const [suppression] = await db().select().from(mailSuppressions);
		expect(suppression).toMatchObject({ addressHash: hashSecret('p0@example.org'), source: 'page' });
		// Pressing again changes nothing more.
		expect((await provider.post(path!, {})).status).toBe(200);
		expect(await countRows(mailSuppressions)).toBe(1);

		const result = await runOutboxOnce({ send, limit: 50 });
		expect(result).toMatchObject({ sent: 1, suppressed: 1 });
		expect(smtp.to('p0@example.org')).toHaveLength(1);
		expect(smtp.to('p1@example.org')).toHaveLength(2);
		const [cancelled] = await db().select().from(outboxMessages).where(and(eq(outboxMessages.toAddress, 'p0@example.org'), eq(outboxMessages.editionId, second.id)));
		expect(cancelled).toMatchObject({ status: 'failed', lastError: UNSUBSCRIBED_ERROR });

		// Sending again queues nothing for them, and coordinators see them as unsubscribed.
		const third = await insertEdition(3);
		expect(await sendEdition(third.id)).toMatchObject({ queued: 1, unsubscribed: 1 });
		const coordinator = await signedInClient(app, scene.coordinator.email);
		expect(pageText((await coordinator.get(`/letters/${scene.letterId}/recipients`)).text)).toMatch(/p0@example\.org .* Unsubscribed/);

		// A provider's RFC 8058 one-click POST is cross-site: refused (CS1), nothing written.
		for (const origin of [undefined, 'https://mail.provider.example']) {
			const form = multipart({ 'List-Unsubscribe': 'One-Click' });
			const headers: Record<string, string> = { 'content-type': form.contentType };
			if (origin) headers.origin = origin;
			expect((await provider.request('POST', otherPath!, { body: form.body, headers })).status).toBe(403);
		}
		expect(await countRows(mailSuppressions)).toBe(1);
	});

	it('AV6: the page’s button works for a person, and an unknown token writes nothing', async () => {
		const [path] = await deliverAndReadLinks(people(1));
		const person = new TestClient(app);
		const response = await person.post(path!, {});
		expect(response.status).toBe(200);
		expect(pageText(response.text)).toMatch(/You will get no more letters/);
		expect((await db().select().from(mailSuppressions))[0]).toMatchObject({ source: 'page' });
		const unknown = await person.post('/unsubscribe/bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb', {});
		expect(unknown.status).toBe(404);
		expect(await countRows(mailSuppressions)).toBe(1);
	});

	it('CS1: every cross-site form POST is refused, with or without an Origin header, the unsubscribe link included', async () => {
		const [path] = await deliverAndReadLinks(people(1));
		const coordinator = await signedInClient(app, scene.coordinator.email);
		const before = await countRows(recipients);
		const targets: [string, Record<string, string>][] = [
			[`/letters/${scene.letterId}/recipients?/add`, { name: 'Forged', email: 'forged@example.org' }],
			[`/letters/${scene.letterId}/recipients?/remove`, { recipientId: 'x', confirm: 'yes' }],
			['/sign-out', {}],
			['/sign-in', { email: scene.coordinator.email, password: 'x' }],
			['/admin/coalitions?/lift', { coalitionId: scene.coalitionId }],
			[path!, { 'List-Unsubscribe': 'One-Click' }],
			[`${path}?/other`, { 'List-Unsubscribe': 'One-Click' }],
			[`${path}/more`, { 'List-Unsubscribe': 'One-Click' }]
		];
		for (const [target, fields] of targets) {
			for (const origin of ['https://evil.example', 'null', undefined]) {
				const body = new URLSearchParams(fields).toString();
				const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded' };
				if (origin) headers.origin = origin;
				const response = await coordinator.request('POST', target, { body, headers });
				expect(response.status, `${target} from ${origin ?? 'no Origin'}`).toBe(403);
				expect(response.text).toMatch(/Cross-site POST form submissions are forbidden/);
			}
		}
		// The other form encodings too, and JSON callers get JSON.
		const plain = await coordinator.request('POST', `/letters/${scene.letterId}/recipients?/add`, { body: 'name=Forged', headers: { 'content-type': 'text/plain', origin: 'https://evil.example' } });
		expect(plain.status).toBe(403);
		const asJson = await coordinator.request('POST', '/sign-out', { body: '', headers: { 'content-type': 'multipart/form-data; boundary=x', accept: 'application/json' } });
		expect(asJson.status).toBe(403);
		expect(JSON.parse(asJson.text)).toEqual({ message: 'Cross-site POST form submissions are forbidden' });
		expect(await countRows(recipients)).toBe(before);
		expect(await countRows(mailSuppressions)).toBe(0);
		// The same forms from this site still work.
		expect((await coordinator.post(`/letters/${scene.letterId}/recipients?/add`, { name: 'Real' })).status).toBe(303);
	});
});
