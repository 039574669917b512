import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { DATABASE_KIND, resetDatabase } from '../helpers/database';
import { startTestApp, type TestApp } from '../helpers/app';
import { createCoalitionScene, createUser, PASSWORD } from '../helpers/factories';
import { db } from '../../src/lib/server/db';
import { memberships, outboxMessages } from '../../src/lib/server/db/schema';
import { openSigning } from '../../src/lib/server/signing/open-signing';
import { signLetter } from '../../src/lib/server/signatures/sign-letter';
import { requestPasswordReset } from '../../src/lib/server/auth/password-reset';
import { claimDueMessages, OUTBOX_DEFAULTS, pauseOutboxWorker, resumeOutboxWorker, runOutboxOnce } from '../../src/lib/server/mail/outbox-worker';
import { sendOutboxMail } from '../../src/lib/server/mail/outbox-mailer';
import type { Session } from '../../src/lib/server/auth/session';

let app: TestApp;
let scene: Awaited<ReturnType<typeof createCoalitionScene>>;
let hash: string;

const HOUR = 60 * 60_000;
const later = (ms: number) => new Date(Date.now() + ms);
const freshSession = (userId: string): Session => ({ id: 'test', userId, expiresAt: new Date(Date.now() + 1e9), authenticatedAt: new Date(), twoFactorPending: false, createdAt: new Date() });
const outbox = () => db().select().from(outboxMessages);

beforeAll(async () => {
	app = await startTestApp();
});

beforeEach(async () => {
	// The tests drive the outbox themselves, with their own clock.
	await pauseOutboxWorker();
	await resetDatabase();
	app.mail.clear();
	scene = await createCoalitionScene();
	({ hash } = await openSigning({ actor: scene.coordinator, letterId: scene.letterId, deadlineAt: null, deadlineTimeZone: null }));
});

afterEach(() => {
	app.mail.refusing = false;
	resumeOutboxWorker();
});

function sign(organisationId: string, actor: { id: string }) {
	return signLetter({
		actor,
		session: freshSession(actor.id),
		letterId: scene.letterId,
		organisationId,
		textHash: hash,
		signerTitle: null,
		signerNamePublic: false,
		statement: null,
		password: PASSWORD,
		clientAddress: '203.0.113.9',
		origin: app.origin
	});
}

describe(`every mail goes through the outbox (${DATABASE_KIND})`, () => {
	it('SMTP refuses while a user signs, then accepts: the signer and each owner receive exactly one receipt', async () => {
		const owners = [await createUser({ name: 'Owner One' }), await createUser({ name: 'Owner Two' })];
		await db().insert(memberships).values(owners.map((o) => ({ organisationId: scene.orgB.id, userId: o.id, role: 'owner' as const })));
		app.mail.refusing = true;
		await sign(scene.orgB.id, scene.signatory);
		// Queued with the signature, in its transaction.
		expect((await outbox()).map((m) => m.kind)).toEqual(['signature_receipt', 'signature_receipt', 'signature_receipt']);
		expect(await runOutboxOnce()).toMatchObject({ claimed: 3, sent: 0, retrying: 3 });
		expect(app.mail.messages).toHaveLength(0);

		app.mail.refusing = false;
		expect(await runOutboxOnce({ now: later(HOUR) })).toMatchObject({ claimed: 3, sent: 3 });
		expect(await runOutboxOnce({ now: later(2 * HOUR) })).toMatchObject({ claimed: 0 });
		for (const person of [scene.signatory, ...owners]) {
			expect(app.mail.messages.filter((m) => m.to === person.email.toLowerCase() && /Receipt/.test(m.subject)), person.email).toHaveLength(1);
		}
	});

	it('a password reset requested while the mail server is down arrives afterwards, and its link is not kept once sent', async () => {
		const person = await createUser({ name: 'Forgetful Fay' });
		app.mail.refusing = true;
		await requestPasswordReset({ email: person.email, clientAddress: '203.0.113.10', origin: app.origin });
		expect(await runOutboxOnce()).toMatchObject({ claimed: 1, retrying: 1 });
		expect(await runOutboxOnce({ now: later(10 * 60_000) })).toMatchObject({ claimed: 1, retrying: 1 });

		app.mail.refusing = false;
		expect(await runOutboxOnce({ now: later(HOUR) })).toMatchObject({ sent: 1 });
		const mail = await app.mail.waitFor(person.email, /password/i);
		expect(mail.text).toContain('/reset-password/');
		// SE1/AU4: the delivered body held a working link; the database no longer does.
		const [row] = await outbox();
		expect(row!.status).toBe('sent');
		expect(row!.textBody).not.toContain('/reset-password/');
		expect(row!.htmlBody).not.toContain('/reset-password/');
	});

	it('a worker killed mid-send loses nothing: its message is sent by another within a minute, once', async () => {
		const person = await createUser({ name: 'Patient Pat' });
		await requestPasswordReset({ email: person.email, clientAddress: '203.0.113.11', origin: app.origin });
		const start = new Date();
		// A worker claims the message and dies before sending (no heartbeat renews its lease).
		expect(await claimDueMessages({ now: start, limit: 10, leaseMs: OUTBOX_DEFAULTS.leaseMs })).toHaveLength(1);
		expect(await runOutboxOnce({ now: new Date(start.getTime() + 30_000) })).toMatchObject({ claimed: 0 });
		expect(OUTBOX_DEFAULTS.leaseMs + OUTBOX_DEFAULTS.intervalMs).toBeLessThanOrEqual(60_000);
		expect(await runOutboxOnce({ now: new Date(start.getTime() + OUTBOX_DEFAULTS.leaseMs + 1) })).toMatchObject({ claimed: 1, sent: 1 });
		await app.mail.waitFor(person.email, /password/i);
		expect(app.mail.messages.filter((m) => m.to === person.email.toLowerCase())).toHaveLength(1);
	});

	it('a slow send keeps its message: the lease is renewed while the send is under way', async () => {
		const person = await createUser({ name: 'Slow Sal' });
		await requestPasswordReset({ email: person.email, clientAddress: '203.0.113.12', origin: app.origin });
		const leaseMs = 3_000;
		const start = new Date();
		let firstLease: Date | undefined;
		const running = runOutboxOnce({
			now: start,
			leaseMs,
			// Finishes only once the heartbeat has pushed the lease past the first one.
			send: async (mail) => {
				const [claimed] = await outbox();
				firstLease = claimed!.lockedUntil!;
				for (;;) {
					const [row] = await outbox();
					if (row!.lockedUntil! > firstLease) break;
					await new Promise((r) => setTimeout(r, 50));
				}
				// Meanwhile no other worker may take it, even past the first lease.
				expect(await claimDueMessages({ now: new Date(firstLease.getTime() + 1), limit: 10, leaseMs })).toHaveLength(0);
				return sendOutboxMail(mail);
			}
		});
		expect(await running).toMatchObject({ claimed: 1, sent: 1 });
		await app.mail.waitFor(person.email, /password/i);
		const [row] = await db().select().from(outboxMessages).where(eq(outboxMessages.toAddress, person.email));
		expect(row!.status).toBe('sent');
	});
});
