import crypto from 'node:crypto';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { and, asc, eq } from 'drizzle-orm';
import { CapturingSmtp } from '../helpers/capturing-smtp';
import { DATABASE_KIND, resetDatabase } from '../helpers/database';
import { pageText, startTestApp, TestClient, type TestApp } from '../helpers/app';
import { createCoalitionScene, signedInClient } from '../helpers/factories';
import { db } from '../../src/lib/server/db';
import { auditEvents, deliveryAttempts, editions, letters, outboxMessages, publications, recipients } from '../../src/lib/server/db/schema';
import { generateId } from '../../src/lib/server/crypto';
import { openSigning } from '../../src/lib/server/signing/open-signing';
import { verifyAuditChain } from '../../src/lib/server/audit/verify-audit-chain';
import { addRecipient } from '../../src/lib/server/distribution/add-recipient';
import { importRecipientsCsv } from '../../src/lib/server/distribution/import-recipients-csv';
import { removeRecipient } from '../../src/lib/server/distribution/remove-recipient';
import { queueDistribution } from '../../src/lib/server/distribution/queue-distribution';
import { queueMail } from '../../src/lib/server/mail/queue-mail';
import { claimDueMessages, pauseOutboxWorker, resumeOutboxWorker, runOutboxOnce, type RunOutboxOptions } from '../../src/lib/server/mail/outbox-worker';
import { createSmtpSender, outboxMessageId, type OutboxSender } from '../../src/lib/server/mail/outbox-mailer';
import { AppError } from '../../src/lib/server/errors';
import type { RecipientInput } from '../../src/lib/server/distribution/recipient-input';

let app: TestApp;
let smtp: CapturingSmtp;
let send: OutboxSender;
let scene: Awaited<ReturnType<typeof createCoalitionScene>>;

beforeAll(async () => {
	app = await startTestApp();
	// The app's own worker would race the runs these tests make; they drive the outbox themselves.
	await pauseOutboxWorker();
});

afterAll(() => resumeOutboxWorker());

beforeEach(async () => {
	await resetDatabase();
	app.mail.clear();
	smtp = await CapturingSmtp.start();
	send = createSmtpSender(smtp.url);
	scene = await createCoalitionScene();
	await openSigning({ actor: scene.coordinator, letterId: scene.letterId, deadlineAt: null, deadlineTimeZone: null });
});

afterEach(() => smtp.close());

/** A PDF-shaped file holding every byte value, so any re-encoding on the way shows. */
function fakePdf(label: string): Buffer {
	return Buffer.concat([Buffer.from(`%PDF-1.7\n% ${label}\n`), Buffer.from(Array.from({ length: 256 }, (_, i) => i)), Buffer.from('\n%%EOF\n')]);
}

/** An edition as the publishing code stores it: one PDF per language. */
async function insertEdition(options: { number?: number; languages?: string[]; title?: string } = {}) {
	const [letter] = await db().select().from(letters).where(eq(letters.id, scene.letterId));
	const id = generateId();
	const code = generateId().slice(0, 10).toUpperCase();
	await db()
		.insert(editions)
		.values({
			id,
			letterId: scene.letterId,
			number: options.number ?? 1,
			code,
			letterDate: '2024-05-20',
			publishedAt: new Date(),
			publishedBy: scene.coordinator.id,
			signingTextId: letter!.signingTextId!,
			signingTextHash: 'a'.repeat(64),
			auditHeadHash: 'b'.repeat(64),
			signatureCount: 16
		});
	const pdfs = new Map<string, { id: string; pdf: Buffer }>();
	for (const language of options.languages ?? ['en']) {
		const pdf = fakePdf(`${code} ${language}`);
		const publicationId = generateId();
		await db()
			.insert(publications)
			.values({
				id: publicationId,
				editionId: id,
				language,
				title: options.title ?? (language === 'mn' ? 'Иргэний эрх чөлөөний тухай нээлттэй захидал' : 'Open letter on civic freedoms'),
				sha256: crypto.createHash('sha256').update(pdf).digest('hex'),
				size: pdf.length,
				pdf
			});
		pdfs.set(language, { id: publicationId, pdf });
	}
	return { id, code, pdfs };
}

async function addSome(people: { name: string; email?: string | null; language?: RecipientInput['language']; postalAddress?: string | null }[]) {
	const ids: string[] = [];
	for (const p of people) {
		const { id } = await addRecipient({
			actor: scene.coordinator,
			letterId: scene.letterId,
			recipient: { name: p.name, title: null, organisation: null, email: p.email ?? null, postalAddress: p.postalAddress ?? null, language: p.language ?? null }
		});
		ids.push(id);
	}
	return ids;
}

const later = (ms: number) => new Date(Date.now() + ms);
const run = (options: RunOutboxOptions = {}) => runOutboxOnce({ send, ...options });

function multipart(path: string, client: TestClient, file: { name: string; content: string }) {
	const boundary = `----undersigned${generateId()}`;
	const body =
		`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: text/csv\r\n\r\n` +
		`${file.content}\r\n--${boundary}--\r\n`;
	return client.request('POST', path, { body, headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, origin: app.origin } });
}

async function outbox() {
	return db().select().from(outboxMessages).orderBy(asc(outboxMessages.toAddress));
}

describe(`distribution (${DATABASE_KIND})`, () => {
	it('issue 13 point 10: a recipient whose language the letter lacks is shown the language they will get; editions show the letter’s date format', async () => {
		await insertEdition({ languages: ['en', 'mn'] });
		const coordinator = await signedInClient(app, scene.coordinator.email);
		const page = `/letters/${scene.letterId}/recipients`;
		expect((await coordinator.post(`${page}?/add`, { name: 'Riksdag office', email: 'office@riksdag.example', language: 'sv' })).status).toBe(303);
		expect((await coordinator.post(`${page}?/add`, { name: 'Ерөнхий сайд', email: 'pm@gov.example', language: 'mn' })).status).toBe(303);
		const text = pageText((await coordinator.get(page)).text);
		expect(text).toContain('English (no Swedish translation)');
		expect(text).toMatch(/Ерөнхий сайд.*Mongolian/);
		expect(text).not.toContain('Mongolian (no');
		expect(text).toContain('dated 20 May 2024');
		expect(text).not.toContain('2024-05-20');
	});

	it('a coordinator adds recipients and sends: each gets the PDF of their language attached, the cover message and the verification link', async () => {
		const edition = await insertEdition({ languages: ['en', 'mn'] });
		const coordinator = await signedInClient(app, scene.coordinator.email);
		const page = `/letters/${scene.letterId}/recipients`;
		expect((await coordinator.post(`${page}?/add`, { name: 'Minister Ana', title: 'Minister', email: 'Ana@Ministry.example', language: '' })).status).toBe(303);
		expect((await coordinator.post(`${page}?/add`, { name: 'Ерөнхий сайд', email: 'pm@gov.example', language: 'mn' })).status).toBe(303);
		expect((await coordinator.post(`${page}?/add`, { name: 'Embassy by post', postalAddress: 'Street 1\nTokyo' })).status).toBe(303);
		const cover = 'Please find our open letter attached.\nWe would welcome a meeting. <script>alert(1)</script>';
		const sent = await coordinator.post(`${page}?/send`, { editionId: edition.id, coverMessage: cover, confirm: 'yes' });
		expect(sent.status).toBe(200);
		expect(pageText(sent.text)).toContain('2 messages queued');
		expect(pageText(sent.text)).toContain('1 recipient without an e-mail address');
		expect(pageText((await coordinator.get(page)).text)).toContain('Queued');

		expect(await run()).toMatchObject({ claimed: 2, sent: 2 });
		const [ana] = smtp.to('ana@ministry.example');
		const [pm] = smtp.to('pm@gov.example');
		expect(smtp.messages).toHaveLength(2);
		for (const [mail, language] of [
			[ana, 'en'],
			[pm, 'mn']
		] as const) {
			expect(mail!.attachments).toHaveLength(1);
			const attachment = mail!.attachments[0]!;
			expect(attachment.contentType).toBe('application/pdf');
			expect(attachment.contentDisposition).toBe('attachment');
			expect(Buffer.compare(attachment.content, edition.pdfs.get(language)!.pdf)).toBe(0);
			expect(mail!.text).toContain(`${app.origin}/verify/${edition.code}`);
			expect(mail!.text).toContain('We would welcome a meeting.');
			expect(mail!.html).not.toContain('<script>');
			expect(mail!.html).toContain('&lt;script&gt;');
		}
		expect(ana!.attachments[0]!.filename).toBe('Open letter on civic freedoms (en).pdf');
		// A non-ASCII title survives the trip (nodemailer encodes it, RFC 2231).
		expect(pm!.attachments[0]!.filename).toBe('Иргэний эрх чөлөөний тухай нээлттэй захидал (mn).pdf');
		expect(ana!.subject).toBe('Open letter on civic freedoms');
		expect(ana!.text).toContain('Dear Minister Ana,');
		const rows = await outbox();
		expect(rows.map((r) => r.status)).toEqual(['sent', 'sent']);
		expect(ana!.messageId).toBe(outboxMessageId(rows.find((r) => r.toAddress === 'ana@ministry.example')!.id));

		const after = pageText((await coordinator.get(page)).text);
		expect(after).toMatch(/Sent \(edition 1\) \d{1,2} [A-Z][a-z]{2} \d{4}, \d{2}:\d{2} \(UTC\)/);
		expect(after).toContain('Mongolian');
		expect(after).toContain('No e-mail address');
		const queued = await db().select().from(auditEvents).where(and(eq(auditEvents.chainId, scene.letterId), eq(auditEvents.type, 'distribution.queued')));
		expect(queued).toHaveLength(1);
		expect(JSON.stringify(queued[0]!.data)).not.toContain('@');
		expect((await verifyAuditChain(scene.letterId)).ok).toBe(true);
	});

	it('issue 13: sending asks first, showing the cover mail exactly as the outbox will send it; nothing is queued until confirm=yes', async () => {
		const edition = await insertEdition();
		const coordinator = await signedInClient(app, scene.coordinator.email);
		const page = `/letters/${scene.letterId}/recipients`;
		await addSome([{ name: 'Minister <b>Ana</b>', email: 'ana@ministry.example' }, { name: 'Embassy by post', postalAddress: 'Street 1' }]);
		const fields = { editionId: edition.id, coverMessage: 'We would welcome a meeting. <script>alert(1)</script>' };
		for (const confirm of [undefined, 'no', 'YES', '']) {
			const asked = await coordinator.post(`${page}?/send`, confirm === undefined ? fields : { ...fields, confirm });
			expect(asked.status, `confirm=${confirm}`).toBe(428);
			expect(await outbox(), `confirm=${confirm}`).toHaveLength(0);
		}
		const asked = await coordinator.post(`${page}?/send`, fields);
		expect(asked.text).not.toContain('<script>alert(1)');
		expect(asked.text).not.toContain('<b>Ana</b>');
		const text = pageText(asked.text);
		expect(text).toContain('Send the letter now?');
		expect(text).toContain('As Minister <b>Ana</b> will get it (1 message to send in all)');
		// The coordinator's typed cover message stays in the form for the final click.
		expect(asked.text).toMatch(/<textarea[^>]*name="coverMessage"[^>]*>We would welcome a meeting\. &lt;script>/);
		const srcdoc = /srcdoc="([^"]*)"/.exec(asked.text)?.[1] ?? '';
		const decode = (html: string) => html.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

		const sent = await coordinator.post(`${page}?/send`, { ...fields, confirm: 'yes' });
		expect(sent.status).toBe(200);
		const [message] = await db().select().from(outboxMessages).where(eq(outboxMessages.kind, 'distribution'));
		expect(message).toBeDefined();
		// AV6: the preview writes no unsubscribe token, so its link ends in a placeholder; all else is the same.
		const placeholder = (body: string) => body.replace(/\/unsubscribe\/[a-z2-7]{32}/g, '/unsubscribe/…');
		expect(decode(srcdoc)).toBe(placeholder(message!.htmlBody));
		expect(message!.htmlBody).toMatch(/\/unsubscribe\/[a-z2-7]{32}/);
		expect(text).toContain(message!.subject);
		expect(text).toContain(placeholder(message!.textBody).replace(/\s+/g, ' ').trim());
	});

	it('issue 13: a member or an outsider who posts send without confirm is refused before any preview is rendered', async () => {
		const edition = await insertEdition();
		await addSome([{ name: 'Minister Ana', email: 'ana@ministry.example' }]);
		for (const [who, status] of [
			[scene.member, 403],
			[scene.outsider, 404]
		] as const) {
			const client = await signedInClient(app, who.email);
			const response = await client.post(`/letters/${scene.letterId}/recipients?/send`, { editionId: edition.id, coverMessage: 'Hi' });
			expect(response.status, who.name).toBe(status);
			expect(response.text, who.name).not.toContain('Minister Ana');
		}
		expect(await outbox()).toHaveLength(0);
	});

	it('sending twice, even at the same moment, queues each recipient once', async () => {
		const edition = await insertEdition();
		await addSome([
			{ name: 'A', email: 'a@example.org' },
			{ name: 'B', email: 'b@example.org' }
		]);
		// The forms refuse a second recipient with the same address; one from before that rule still gets one message.
		await db().insert(recipients).values({ id: generateId(), letterId: scene.letterId, name: 'B again', email: 'B@example.org' });
		const options = { actor: scene.coordinator, letterId: scene.letterId, editionId: edition.id, coverMessage: 'Hello', origin: app.origin };
		const results = await Promise.all([queueDistribution(options), queueDistribution(options)]);
		expect(results.map((r) => r.queued).sort()).toEqual([0, 2]);
		expect(await queueDistribution(options)).toEqual({ queued: 0, alreadyQueued: 3, withoutEmail: 0, unsubscribed: 0 });
		expect(await outbox()).toHaveLength(2);

		// A double click on the form does the same.
		const coordinator = await signedInClient(app, scene.coordinator.email);
		const fields = { editionId: edition.id, coverMessage: 'Hello', confirm: 'yes' };
		const clicks = await Promise.all([1, 2].map(() => coordinator.post(`/letters/${scene.letterId}/recipients?/send`, fields)));
		expect(clicks.map((c) => c.status)).toEqual([200, 200]);
		expect(await outbox()).toHaveLength(2);
		await run();
		expect(smtp.messages.map((m) => m.envelopeTo).sort()).toEqual(['a@example.org', 'b@example.org']);
		const queued = await db().select().from(auditEvents).where(and(eq(auditEvents.chainId, scene.letterId), eq(auditEvents.type, 'distribution.queued')));
		expect(queued).toHaveLength(1);
	});

	it('an SMTP server that refuses: retries with growing waits, recorded per attempt; once it accepts, exactly one delivery each', async () => {
		const edition = await insertEdition();
		await addSome([
			{ name: 'A', email: 'a@example.org' },
			{ name: 'B', email: 'b@example.org' }
		]);
		await queueDistribution({ actor: scene.coordinator, letterId: scene.letterId, editionId: edition.id, coverMessage: 'Hello', origin: app.origin });
		smtp.refusing = true;
		let now = new Date();
		const expectedBase = [30_000, 60_000, 120_000];
		for (const [i, base] of expectedBase.entries()) {
			expect(await run({ now })).toMatchObject({ claimed: 2, retrying: 2 });
			for (const row of await outbox()) {
				expect(row).toMatchObject({ status: 'pending', attempts: i + 1, lockedUntil: null });
				const wait = row.nextAttemptAt.getTime() - now.getTime();
				expect(wait).toBeGreaterThanOrEqual(base * 0.75);
				expect(wait).toBeLessThanOrEqual(base * 1.25 + 5_000);
				// PR6: the server named the address in its answer; what is kept does not.
				expect(row.lastError).toMatch(/451.*mailbox busy/);
				expect(row.lastError).not.toContain(row.toAddress);
			}
			// Not due yet: nothing is claimed.
			expect((await run({ now: new Date(now.getTime() + base * 0.7) })).claimed).toBe(0);
			now = new Date(now.getTime() + base * 1.25 + 5_001);
		}
		const coordinator = await signedInClient(app, scene.coordinator.email);
		const retrying = pageText((await coordinator.get(`/letters/${scene.letterId}/recipients`)).text);
		expect(retrying).toContain('Retrying');
		expect(retrying).toContain('3 attempts failed');
		expect(retrying).not.toContain('a@example.org>');

		smtp.refusing = false;
		expect(await run({ now })).toMatchObject({ claimed: 2, sent: 2 });
		expect(await run({ now: new Date(now.getTime() + 24 * 3600_000) })).toMatchObject({ claimed: 0 });
		expect(smtp.to('a@example.org')).toHaveLength(1);
		expect(smtp.to('b@example.org')).toHaveLength(1);
		for (const row of await outbox()) {
			expect(row).toMatchObject({ status: 'sent', attempts: 4, lastError: null });
			const attempts = await db().select().from(deliveryAttempts).where(eq(deliveryAttempts.messageId, row.id)).orderBy(asc(deliveryAttempts.attempt));
			expect(attempts.map((a) => a.attempt)).toEqual([1, 2, 3, 4]);
			expect(attempts.slice(0, 3).every((a) => a.error && !a.ok && a.finishedAt)).toBe(true);
			expect(attempts[3]).toMatchObject({ error: null });
			expect(attempts[3]!.ok).toMatch(/^250/);
			const gaps = attempts.slice(1).map((a, i) => a.startedAt.getTime() - attempts[i]!.startedAt.getTime());
			expect(gaps[1]!).toBeGreaterThan(gaps[0]!);
			expect(gaps[2]!).toBeGreaterThan(gaps[1]!);
		}
		expect(pageText((await coordinator.get(`/letters/${scene.letterId}/recipients`)).text)).not.toContain('Retrying');
	});

	it('gives up after the last attempt and says so; sending again queues a fresh message', async () => {
		const edition = await insertEdition();
		await addSome([{ name: 'A', email: 'a@example.org' }]);
		const options = { actor: scene.coordinator, letterId: scene.letterId, editionId: edition.id, coverMessage: 'Hello', origin: app.origin };
		await queueDistribution(options);
		smtp.refusing = true;
		expect(await run({ maxAttempts: 2 })).toMatchObject({ retrying: 1 });
		expect(await run({ maxAttempts: 2, now: later(3600_000) })).toMatchObject({ failed: 1 });
		expect((await outbox())[0]).toMatchObject({ status: 'failed', attempts: 2 });
		const coordinator = await signedInClient(app, scene.coordinator.email);
		expect(pageText((await coordinator.get(`/letters/${scene.letterId}/recipients`)).text)).toContain('Gave up after 2 attempts');

		smtp.refusing = false;
		expect(await queueDistribution(options)).toMatchObject({ queued: 1 });
		await run();
		expect(smtp.to('a@example.org')).toHaveLength(1);
		expect((await outbox()).map((r) => r.status).sort()).toEqual(['failed', 'sent']);
	});

	it('a worker killed after claiming loses nothing: the message goes out once when its lease runs out', async () => {
		const edition = await insertEdition();
		await addSome([{ name: 'A', email: 'a@example.org' }]);
		await queueDistribution({ actor: scene.coordinator, letterId: scene.letterId, editionId: edition.id, coverMessage: 'Hello', origin: app.origin });
		const now = new Date();
		// The dead worker: it claimed, then the process went away.
		expect(await claimDueMessages({ now, limit: 10, leaseMs: 60_000 })).toHaveLength(1);
		expect((await run({ now: new Date(now.getTime() + 30_000) })).claimed).toBe(0);
		expect(await run({ now: new Date(now.getTime() + 61_000) })).toMatchObject({ claimed: 1, sent: 1 });
		expect(smtp.to('a@example.org')).toHaveLength(1);
		expect((await outbox())[0]).toMatchObject({ status: 'sent', attempts: 2 });
	});

	it('a worker killed mid-send (the send never finished) loses nothing; after the lease it is delivered once', async () => {
		const edition = await insertEdition();
		await addSome([{ name: 'A', email: 'a@example.org' }]);
		await queueDistribution({ actor: scene.coordinator, letterId: scene.letterId, editionId: edition.id, coverMessage: 'Hello', origin: app.origin });
		const now = new Date();
		let reached!: () => void;
		const sending = new Promise<void>((resolve) => (reached = resolve));
		// Hangs for good once it is reached, as a process frozen or killed mid-send would.
		void run({ now, leaseMs: 60_000, send: () => (reached(), new Promise(() => {})) });
		await sending;
		const [open] = await db().select().from(deliveryAttempts);
		expect(open).toMatchObject({ attempt: 1, finishedAt: null });
		expect((await run({ now: new Date(now.getTime() + 59_000) })).claimed).toBe(0);
		expect(await run({ now: new Date(now.getTime() + 61_000) })).toMatchObject({ sent: 1 });
		expect(smtp.to('a@example.org')).toHaveLength(1);
		expect((await db().select().from(deliveryAttempts)).length).toBe(2);
	});

	it('killed after the server accepted but before "sent" was recorded: sent again with the same Message-ID, so receivers can tell', async () => {
		const edition = await insertEdition();
		await addSome([{ name: 'A', email: 'a@example.org' }]);
		await queueDistribution({ actor: scene.coordinator, letterId: scene.letterId, editionId: edition.id, coverMessage: 'Hello', origin: app.origin });
		const now = new Date();
		let delivered!: () => void;
		const accepted = new Promise<void>((resolve) => (delivered = resolve));
		void run({ now, leaseMs: 60_000, send: async (mail) => (await send(mail), delivered(), new Promise(() => {})) });
		await accepted;
		await run({ now: new Date(now.getTime() + 61_000) });
		const copies = smtp.to('a@example.org');
		expect(copies).toHaveLength(2);
		expect(copies[0]!.messageId).toBe(copies[1]!.messageId);
		expect((await outbox())[0]).toMatchObject({ status: 'sent' });
	});

	it('two workers at once deliver every message exactly once', async () => {
		const edition = await insertEdition();
		const people = Array.from({ length: 24 }, (_, i) => ({ name: `Person ${i}`, email: `p${i}@example.org` }));
		await importRecipientsCsv(scene.letterId, `name,email\n${people.map((p) => `${p.name},${p.email}`).join('\n')}\n`, scene.coordinator);
		await queueDistribution({ actor: scene.coordinator, letterId: scene.letterId, editionId: edition.id, coverMessage: 'Hello', origin: app.origin });
		// Claims by two workers in the same instant never overlap.
		const now = new Date();
		const [first, second] = await Promise.all([claimDueMessages({ now, limit: 15, leaseMs: 1000 }), claimDueMessages({ now, limit: 15, leaseMs: 1000 })]);
		const firstIds = new Set(first.map((m) => m.id));
		expect(second.filter((m) => firstIds.has(m.id))).toEqual([]);
		expect(first.length + second.length).toBe(24);

		// Both run until nothing is due (after those leases ran out).
		const worker = async () => {
			let claimed = 0;
			for (let round = 0; round < 50; round++) {
				const result = await run({ now: later(2000), limit: 3 });
				claimed += result.claimed;
				if (result.claimed === 0) return claimed;
			}
			return claimed;
		};
		const claims = await Promise.all([worker(), worker()]);
		expect(claims[0] + claims[1]).toBe(24);
		for (const p of people) expect(smtp.to(p.email), p.email).toHaveLength(1);
		expect((await outbox()).every((r) => r.status === 'sent')).toBe(true);
		expect(await db().select().from(deliveryAttempts)).toHaveLength(24);
	});

	it('the app’s worker sends through SMTP_URL, and a notice queued in a transaction goes out with it', async () => {
		const edition = await insertEdition();
		await addSome([{ name: 'A', email: 'a-default@example.org' }]);
		await queueDistribution({ actor: scene.coordinator, letterId: scene.letterId, editionId: edition.id, coverMessage: 'Hello', origin: app.origin });
		await db().transaction((tx) =>
			queueMail(tx, {
				kind: 'published_notice',
				letterId: scene.letterId,
				editionId: edition.id,
				message: { to: 'owner@org.example', subject: 'Published', text: 'The letter is published.', html: '<p>The letter is published.</p>' }
			})
		);
		expect(await runOutboxOnce()).toMatchObject({ claimed: 2, sent: 2 });
		expect((await app.mail.waitFor('a-default@example.org')).subject).toBe('Open letter on civic freedoms');
		expect((await app.mail.waitFor('owner@org.example')).text).toContain('The letter is published.');
	});

	it('removing a recipient cancels their waiting message', async () => {
		const edition = await insertEdition();
		const [a] = await addSome([{ name: 'A', email: 'a@example.org' }, { name: 'B', email: 'b@example.org' }]);
		await queueDistribution({ actor: scene.coordinator, letterId: scene.letterId, editionId: edition.id, coverMessage: 'Hello', origin: app.origin });
		const coordinator = await signedInClient(app, scene.coordinator.email);
		const removed = await coordinator.post(`/letters/${scene.letterId}/recipients?/remove`, { recipientId: a!, confirm: 'yes' });
		expect(removed.status).toBe(303);
		expect(pageText((await coordinator.follow(removed)).text)).toContain('waiting message was cancelled');
		await run();
		expect(smtp.messages.map((m) => m.envelopeTo)).toEqual(['b@example.org']);
		expect(await db().select().from(recipients)).toHaveLength(1);
	});

	it('sending while a recipient is being removed neither fails nor leaves them a message', async () => {
		const edition = await insertEdition();
		const ids = await addSome(Array.from({ length: 6 }, (_, i) => ({ name: `P${i}`, email: `p${i}@example.org` })));
		const options = { actor: scene.coordinator, letterId: scene.letterId, editionId: edition.id, coverMessage: 'Hello', origin: app.origin };
		await Promise.all([
			queueDistribution(options),
			...ids.slice(0, 3).map((recipientId) => removeRecipient({ actor: scene.coordinator, letterId: scene.letterId, recipientId }))
		]);
		const rows = await outbox();
		expect(rows.map((r) => r.toAddress).sort()).toEqual(['p3@example.org', 'p4@example.org', 'p5@example.org']);
	});

	it('AZ3: only coordinators manage recipients or send (member 403, outsider 404), and nothing is written', async () => {
		const edition = await insertEdition();
		const [existing] = await addSome([{ name: 'A', email: 'a@example.org' }]);
		const page = `/letters/${scene.letterId}/recipients`;
		for (const [who, status] of [
			[scene.member, 403],
			[scene.signatory, 403],
			[scene.outsider, 404]
		] as const) {
			const client = await signedInClient(app, who.email);
			expect((await client.get(page)).status, `${who.name} page`).toBe(status);
			// AZ4: recipients' addresses never reach a browser that may not see them.
			expect((await client.get(`${page}/__data.json`)).text).not.toContain('a@example.org');
			expect((await client.post(`${page}?/add`, { name: 'Intruder', email: 'x@example.org' })).status, `${who.name} add`).toBe(status);
			expect((await client.post(`${page}?/remove`, { recipientId: existing!, confirm: 'yes' })).status, `${who.name} remove`).toBe(status);
			expect((await client.post(`${page}?/send`, { editionId: edition.id, coverMessage: 'Hi', confirm: 'yes' })).status, `${who.name} send`).toBe(status);
			expect((await multipart(`${page}?/import`, client, { name: 'r.csv', content: 'name\nIntruder\n' })).status, `${who.name} import`).toBe(status);
		}
		expect((await db().select().from(recipients)).map((r) => r.name)).toEqual(['A']);
		expect(await outbox()).toHaveLength(0);
		await expect(queueDistribution({ actor: scene.member, letterId: scene.letterId, editionId: edition.id, coverMessage: 'Hi', origin: app.origin })).rejects.toThrow(AppError);
		const signedOut = await new TestClient(app).get(page);
		expect(signedOut.status).toBe(303);
		expect(signedOut.location).toContain('/sign-in');
	});

	it('an edition of another letter cannot be sent from this one', async () => {
		const other = await createCoalitionScene();
		await openSigning({ actor: other.coordinator, letterId: other.letterId, deadlineAt: null, deadlineTimeZone: null });
		const saved = scene;
		scene = other;
		const foreign = await insertEdition();
		scene = saved;
		await addSome([{ name: 'A', email: 'a@example.org' }]);
		const coordinator = await signedInClient(app, scene.coordinator.email);
		const response = await coordinator.post(`/letters/${scene.letterId}/recipients?/send`, { editionId: foreign.id, coverMessage: 'Hi', confirm: 'yes' });
		expect(response.status).toBe(400);
		expect(pageText(response.text)).toContain('Choose an edition of this letter');
		expect(await outbox()).toHaveLength(0);
	});

	it('CSV import: a file with bad rows imports nothing and lists the row numbers; the fixed file imports; again adds nothing', async () => {
		const coordinator = await signedInClient(app, scene.coordinator.email);
		const path = `/letters/${scene.letterId}/recipients?/import`;
		const bad = 'Name;E-mail;Postal Address\nGood One;good@example.org;\n;no-name@example.org;\nBad Mail;not-an-address;\n';
		const refused = await multipart(path, coordinator, { name: 'list.csv', content: bad });
		expect(refused.status).toBe(400);
		const text = pageText(refused.text);
		expect(text).toContain('Nothing was imported');
		expect(text).toContain('Row 3: Name is required.');
		expect(text).toContain('Row 4: Enter an e-mail address such as name@example.org.');
		expect(await db().select().from(recipients)).toHaveLength(0);

		const good = 'Name;E-mail;Postal Address\nGood One;good@example.org;\nSecond;second@example.org;"Street 2\nCity"\n';
		const imported = await multipart(path, coordinator, { name: 'list.csv', content: good });
		expect(imported.status).toBe(200);
		expect(pageText(imported.text)).toContain('2 recipients imported.');
		const again = await multipart(path, coordinator, { name: 'list.csv', content: good });
		expect(pageText(again.text)).toContain('0 recipients imported. 2 rows were already on the list.');
		const rows = await db().select().from(recipients).orderBy(asc(recipients.name));
		expect(rows.map((r) => [r.name, r.email, r.postalAddress])).toEqual([
			['Good One', 'good@example.org', null],
			['Second', 'second@example.org', 'Street 2\nCity']
		]);
		const imports = await db().select().from(auditEvents).where(and(eq(auditEvents.chainId, scene.letterId), eq(auditEvents.type, 'recipients.imported')));
		expect(imports.map((e) => e.data)).toEqual([{ count: 2 }]);
	});

	it('the add form answers on itself and keeps what was typed; a duplicate address is refused', async () => {
		const coordinator = await signedInClient(app, scene.coordinator.email);
		const path = `/letters/${scene.letterId}/recipients?/add`;
		const bad = await coordinator.post(path, { name: 'Typed Name', organisation: 'Typed Ministry', email: 'not-an-address', postalAddress: 'Line 1\nLine 2' });
		expect(bad.status).toBe(400);
		expect(bad.text).toContain('value="Typed Name"');
		expect(bad.text).toContain('value="Typed Ministry"');
		expect(bad.text).toContain('Line 1\nLine 2</textarea>');
		expect(pageText(bad.text)).toContain('Enter an e-mail address such as name@example.org.');
		const spoof = await coordinator.post(path, { name: 'Evil\u202Eeman' });
		expect(spoof.status).toBe(400);
		expect(pageText(spoof.text)).toContain('direction-changing');
		const added = await coordinator.post(path, { name: 'Ana', email: 'ana@example.org' });
		expect(added.status).toBe(303);
		expect(pageText((await coordinator.follow(added)).text)).toContain('Ana was added.');
		const duplicate = await coordinator.post(path, { name: 'Ana again', email: 'ANA@example.org' });
		expect(duplicate.status).toBe(409);
		expect(pageText(duplicate.text)).toContain('ana@example.org is already a recipient');
		expect(await db().select().from(recipients)).toHaveLength(1);
	});

	it('before publication the page says to publish first', async () => {
		const coordinator = await signedInClient(app, scene.coordinator.email);
		const response = await coordinator.get(`/letters/${scene.letterId}/recipients`);
		expect(response.status).toBe(200);
		expect(pageText(response.text)).toContain('Publish the letter first');
	});
});
