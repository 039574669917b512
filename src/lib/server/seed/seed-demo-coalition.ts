import { eq } from 'drizzle-orm';
import { db } from '../db';
import { coalitionCoordinators, coalitionMembers, coalitions, letterRevisions, letters } from '../db/schema';
import { appendAuditEvent } from '../audit/append-audit-event';
import { letterContentHash } from '../letters/canonical';
import { DEMO_ORGANISATIONS } from './demo-data';

const COALITION_ID = 'demo-coalition';
const LETTER_ID = 'demo-letter';

const TEXT = {
	title: 'Open letter on the protection of civic freedoms in our homeland',
	addressees: 'To the Secretary-General of the United Nations\nTo the Ministers of Foreign Affairs of the member states of the Community of Democracies',
	body: [
		'We write as organisations of the diaspora, living in many countries yet bound to one homeland, to share our concern at the narrowing of civic space there over the past decade.',
		'Reporters who look into public spending are taken to court; people who organise peaceful gatherings are questioned and fined; associations face new registration hurdles every year.',
		'We ask your governments and organisations to:',
		'1. Publicly acknowledge the decline in freedom of expression, assembly and the press.\n2. Raise the protection of journalists and civic organisers in every bilateral dialogue.\n3. Support independent monitoring of the next national elections.',
		'We stand ready to meet with your offices and to share documented cases.'
	].join('\n\n'),
	closing: 'Respectfully,\nThe undersigned organisations'
};

const TRANSLATION = {
	title: 'Эх орны иргэний эрх чөлөөг хамгаалах тухай нээлттэй захидал',
	addressees: 'НҮБ-ын Ерөнхий нарийн бичгийн даргад',
	body: 'Бид олон оронд амьдарч буй ч нэг эх оронтой диаспорагийн байгууллагууд бөгөөд сүүлийн арван жилд иргэний орон зай хумигдаж буйд санаа зовж буйгаа илэрхийлж байна.\n\nБид танай засгийн газруудаас:\n\n1. Үзэл бодлоо илэрхийлэх эрх чөлөө буурч буйг олон нийтэд хүлээн зөвшөөрөхийг;\n2. Сэтгүүлчдийг хамгаалах асуудлыг хоёр талын яриа хэлцэл бүрт хөндөхийг хүсэж байна.',
	closing: 'Хүндэтгэсэн,\nДоор гарын үсэг зурсан байгууллагууд'
};

/** A demo coalition of all sixteen organisations with a draft letter and a Mongolian translation. */
export async function seedDemoCoalition(): Promise<void> {
	const [existing] = await db().select({ id: coalitions.id }).from(coalitions).where(eq(coalitions.id, COALITION_ID));
	if (existing) return;
	const oyuna = 'demo-user-oyuna';
	await db().transaction(async (tx) => {
		await tx.insert(coalitions).values({ id: COALITION_ID, name: 'Coalition for Civic Freedoms', description: 'Diaspora organisations in eight countries.', createdBy: oyuna });
		await tx.insert(coalitionMembers).values(DEMO_ORGANISATIONS.map((o) => ({ coalitionId: COALITION_ID, organisationId: o.id, addedBy: oyuna })));
		await tx.insert(coalitionCoordinators).values([
			{ coalitionId: COALITION_ID, userId: oyuna, addedBy: oyuna },
			{ coalitionId: COALITION_ID, userId: 'demo-user-erik', addedBy: oyuna }
		]);
		await appendAuditEvent(tx, { chainId: COALITION_ID, type: 'coalition.created', actorId: oyuna, data: { coalitionId: COALITION_ID } });
		await tx.insert(letters).values({ id: LETTER_ID, coalitionId: COALITION_ID, primaryLanguage: 'en', place: 'Stockholm', createdBy: oyuna });
		const primaryHash = letterContentHash('en', TEXT);
		await tx.insert(letterRevisions).values({ id: 'demo-revision-en-1', letterId: LETTER_ID, language: 'en', number: 1, authorId: oyuna, ...TEXT, contentHash: primaryHash });
		const translationHash = letterContentHash('mn', TRANSLATION);
		await tx.insert(letterRevisions).values({
			id: 'demo-revision-mn-1',
			letterId: LETTER_ID,
			language: 'mn',
			number: 1,
			authorId: 'demo-user-erik',
			sourceRevisionId: 'demo-revision-en-1',
			...TRANSLATION,
			contentHash: translationHash
		});
		await appendAuditEvent(tx, { chainId: LETTER_ID, type: 'letter.created', actorId: oyuna, data: { letterId: LETTER_ID, coalitionId: COALITION_ID, primaryLanguage: 'en' } });
		await appendAuditEvent(tx, { chainId: LETTER_ID, type: 'revision.saved', actorId: oyuna, data: { revisionId: 'demo-revision-en-1', language: 'en', number: 1, contentHash: primaryHash } });
		await appendAuditEvent(tx, { chainId: LETTER_ID, type: 'translation.saved', actorId: 'demo-user-erik', data: { revisionId: 'demo-revision-mn-1', language: 'mn', number: 1, contentHash: translationHash } });
	});
}
