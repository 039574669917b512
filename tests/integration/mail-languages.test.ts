import crypto from 'node:crypto';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { DATABASE_KIND, resetDatabase } from '../helpers/database';
import { startTestApp, TestClient, type TestApp } from '../helpers/app';
import { createCoalitionScene, createUser, PASSWORD } from '../helpers/factories';
import { linkIn } from '../helpers/mail';
import { db } from '../../src/lib/server/db';
import { editions, letters, memberships, publications, users } from '../../src/lib/server/db/schema';
import { generateId } from '../../src/lib/server/crypto';
import { createLetter } from '../../src/lib/server/letters/create-letter';
import { openSigning } from '../../src/lib/server/signing/open-signing';
import { inviteToSignByEmail } from '../../src/lib/server/signing/invite-to-sign-by-email';
import { signLetter } from '../../src/lib/server/signatures/sign-letter';
import { addRecipient } from '../../src/lib/server/distribution/add-recipient';
import { queueDistribution } from '../../src/lib/server/distribution/queue-distribution';
import type { Session } from '../../src/lib/server/auth/session';
import type { Locale } from '../../src/lib/i18n/locales';

/*
 * Issue 14, point 6: every mail is written in its reader's language, subject included,
 * and (point 3) its links open the site in that language. The mail is captured as the
 * test SMTP server receives it, so the subjects here went through the wire's encoding.
 */
let app: TestApp;
let scene: Awaited<ReturnType<typeof createCoalitionScene>>;

const freshSession = (userId: string): Session => ({ id: 'test', userId, expiresAt: new Date(Date.now() + 1e9), authenticatedAt: new Date(), twoFactorPending: false, createdAt: new Date() });

beforeAll(async () => {
	app = await startTestApp();
});

beforeEach(async () => {
	await resetDatabase();
	app.mail.clear();
	scene = await createCoalitionScene();
});

const RESET_SUBJECTS: Record<Locale, string> = {
	en: 'Choose a new password for Undersigned',
	mn: 'Undersigned-д шинэ нууц үг сонгох',
	ja: 'Undersigned の新しいパスワードを設定してください',
	fa: 'گذرواژهٔ تازه‌ای برای Undersigned برگزینید',
	prs: 'رمز عبور جدیدی برای Undersigned انتخاب کنید',
	ru: 'Выберите новый пароль для Undersigned',
	sv: 'Välj ett nytt lösenord för Undersigned'
};

const RECEIPT_SUBJECTS: Record<Locale, string> = {
	en: 'Receipt: Organisation B signed “Open letter on civic freedoms”',
	mn: 'Баримт: Organisation B «Open letter on civic freedoms»-д гарын үсэг зурлаа',
	ja: '受領通知: Organisation Bが「Open letter on civic freedoms」に署名しました',
	fa: 'رسید: Organisation B «Open letter on civic freedoms» را امضا کرد',
	prs: 'رسید: Organisation B «Open letter on civic freedoms» را امضا کرد',
	ru: 'Квитанция: Organisation B подписала «Open letter on civic freedoms»',
	sv: 'Kvitto: Organisation B undertecknade ”Open letter on civic freedoms”'
};

const LOCALES = Object.keys(RESET_SUBJECTS) as Locale[];

describe(`mail in the reader's language (${DATABASE_KIND})`, () => {
	it('a password reset is written in the language of the page that asked for it, and its link opens in that language', async () => {
		for (const locale of LOCALES) {
			const person = await createUser({ name: `Reader ${locale}`, email: `reset-${locale}@example.org` });
			const visitor = new TestClient(app);
			visitor.cookies.set('PARAGLIDE_LOCALE', locale);
			expect((await visitor.post('/forgot-password', { email: person.email })).status, locale).toBeLessThan(400);
			const mail = await app.mail.waitFor(person.email);
			expect(mail.subject, locale).toBe(RESET_SUBJECTS[locale]);
			const link = new URL(linkIn(mail, '/reset-password/'));
			expect(link.searchParams.get('ui'), locale).toBe(locale);
			expect(link.pathname).toMatch(/^\/reset-password\/[a-z2-7]{32}$/);
		}
	});

	it('a saved language wins over the language of the page', async () => {
		const person = await createUser({ name: 'Saga', email: 'saga@example.org' });
		await db().update(users).set({ locale: 'sv' }).where(eq(users.id, person.id));
		const visitor = new TestClient(app);
		visitor.cookies.set('PARAGLIDE_LOCALE', 'ru');
		await visitor.post('/forgot-password', { email: person.email });
		const mail = await app.mail.waitFor(person.email);
		expect(mail.subject).toBe(RESET_SUBJECTS.sv);
		expect(mail.text).toContain('Hej Saga,');
		expect(new URL(linkIn(mail, '/reset-password/')).searchParams.get('ui')).toBe('sv');
		expect(mail.html).toContain('lang="sv"');
	});

	it('an invitation to sign a Japanese letter reaches an address without an account in Japanese; an account reads its saved language', async () => {
		const { id: letterId } = await createLetter({
			actor: scene.coordinator,
			coalitionId: scene.coalitionId,
			settings: { primaryLanguage: 'ja', place: '東京', letterDate: null, dateFormat: 'day_month_year', visibility: 'coalition', ordering: 'alphabetical', initiatorsFirst: false },
			text: { title: '市民の自由に関する公開書簡', addressees: '国連事務総長殿', body: '私たちは市民社会の団体として書いています。', closing: '敬具' }
		});
		await openSigning({ actor: scene.coordinator, letterId, deadlineAt: new Date(Date.UTC(2030, 11, 1, 9)), deadlineTimeZone: 'Asia/Tokyo' });
		const saved = await createUser({ name: 'Sven', email: 'sven@example.org' });
		await db().update(users).set({ locale: 'sv' }).where(eq(users.id, saved.id));
		for (const email of ['kenji@example.org', saved.email]) {
			await inviteToSignByEmail({ actor: scene.coordinator, letterId, email, origin: app.origin, message: null });
		}
		const japanese = await app.mail.waitFor('kenji@example.org');
		expect(japanese.subject).toBe('「市民の自由に関する公開書簡」への署名のお願い');
		expect(japanese.text).toContain('署名の受付期限は2030年12月1日 18:00 (Asia/Tokyo)です。');
		expect(new URL(linkIn(japanese, '/sign-invitations/')).searchParams.get('ui')).toBe('ja');
		const swedish = await app.mail.waitFor(saved.email);
		expect(swedish.subject).toBe('Inbjudan att underteckna ”市民の自由に関する公開書簡”');
		expect(new URL(linkIn(swedish, '/sign-invitations/')).searchParams.get('ui')).toBe('sv');
	});

	it('signature receipts reach each owner in their saved language (English without one)', async () => {
		const { hash } = await openSigning({ actor: scene.coordinator, letterId: scene.letterId, deadlineAt: null, deadlineTimeZone: null });
		const owners: { email: string; locale: Locale }[] = [];
		for (const locale of LOCALES) {
			const owner = await createUser({ name: `Owner ${locale}`, email: `owner-${locale}@example.org` });
			await db().update(users).set({ locale: locale === 'en' ? null : locale }).where(eq(users.id, owner.id));
			await db().insert(memberships).values({ organisationId: scene.orgB.id, userId: owner.id, role: 'owner' });
			owners.push({ email: owner.email, locale });
		}
		await signLetter({
			actor: scene.signatory,
			session: freshSession(scene.signatory.id),
			letterId: scene.letterId,
			organisationId: scene.orgB.id,
			textHash: hash,
			signerTitle: null,
			signerNamePublic: false,
			statement: null,
			password: PASSWORD,
			clientAddress: '203.0.113.20',
			origin: app.origin
		});
		for (const { email, locale } of owners) {
			const mail = await app.mail.waitFor(email);
			expect(mail.subject, locale).toBe(RECEIPT_SUBJECTS[locale]);
			expect(new URL(linkIn(mail, '/signatures/')).searchParams.get('ui'), locale).toBe(locale);
		}
		const russian = await app.mail.waitFor('owner-ru@example.org');
		expect(russian.text).toContain('Signatory Sami подписал(а) письмо «Open letter on civic freedoms» от имени Organisation B');
		// The signer signed outside any page here, and chose no language: English.
		expect((await app.mail.waitFor(scene.signatory.email)).subject).toBe(RECEIPT_SUBJECTS.en);
	});

	it('a letter sent to recipients comes with a cover mail in each recipient’s language; the letter keeps its own', async () => {
		await openSigning({ actor: scene.coordinator, letterId: scene.letterId, deadlineAt: null, deadlineTimeZone: null });
		const edition = await insertEdition({ number: 2, titles: { en: 'Open letter on civic freedoms', fa: 'نامهٔ سرگشاده دربارهٔ آزادی‌های مدنی' } });
		const recipientsByLanguage: [string | null, string][] = [
			['fa', 'نامهٔ سرگشاده دربارهٔ آزادی‌های مدنی (ویراست ۲)'],
			['prs', 'Open letter on civic freedoms (چاپ ۲)'],
			['sv', 'Open letter on civic freedoms (utgåva 2)'],
			['ru', 'Open letter on civic freedoms (издание 2)'],
			['ja', 'Open letter on civic freedoms(第2版)'],
			['mn', 'Open letter on civic freedoms (2-р хэвлэл)'],
			['de', 'Open letter on civic freedoms (edition 2)'],
			[null, 'Open letter on civic freedoms (edition 2)']
		];
		for (const [language] of recipientsByLanguage) {
			await addRecipient({
				actor: scene.coordinator,
				letterId: scene.letterId,
				recipient: { name: `Recipient ${language}`, title: null, organisation: null, email: `to-${language ?? 'none'}@example.org`, postalAddress: null, language: language as never }
			});
		}
		await queueDistribution({ actor: scene.coordinator, letterId: scene.letterId, editionId: edition.id, coverMessage: 'We would welcome a meeting.', origin: app.origin });
		for (const [language, subject] of recipientsByLanguage) {
			const mail = await app.mail.waitFor(`to-${language ?? 'none'}@example.org`);
			expect(mail.subject, String(language)).toBe(subject);
			// The coordinators' own words stay as they wrote them.
			expect(mail.text).toContain('We would welcome a meeting.');
		}
		const persian = await app.mail.waitFor('to-fa@example.org');
		expect(persian.text).toContain('با امضای ۱۶ سازمان');
		expect(persian.html).toContain('dir="rtl"');
		const swedish = await app.mail.waitFor('to-sv@example.org');
		expect(swedish.text).toContain('daterat 20 maj 2024 och undertecknat av 16 organisationer (utgåva 2)');
		expect(new URL(linkIn(swedish, '/verify/')).searchParams.get('ui')).toBe('sv');
		expect(new URL(linkIn(swedish, '/unsubscribe/')).searchParams.get('ui')).toBe('sv');
	});
});

/** A published edition as the publishing code stores it, one PDF per language (cf. distribution.test.ts). */
async function insertEdition(options: { number: number; titles: Record<string, string> }) {
	const [letter] = await db().select().from(letters).where(eq(letters.id, scene.letterId));
	const id = generateId();
	await db()
		.insert(editions)
		.values({
			id,
			letterId: scene.letterId,
			number: options.number,
			code: generateId().slice(0, 10).toUpperCase(),
			letterDate: '2024-05-20',
			publishedAt: new Date(),
			publishedBy: scene.coordinator.id,
			signingTextId: letter!.signingTextId!,
			signingTextHash: 'a'.repeat(64),
			auditHeadHash: 'b'.repeat(64),
			signatureCount: 16
		});
	for (const [language, title] of Object.entries(options.titles)) {
		const pdf = Buffer.from(`%PDF-1.7\n% ${language}\n%%EOF\n`);
		await db()
			.insert(publications)
			.values({ id: generateId(), editionId: id, language, title, sha256: crypto.createHash('sha256').update(pdf).digest('hex'), size: pdf.length, pdf });
	}
	return { id };
}
