import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { count, eq } from 'drizzle-orm';
import { DATABASE_KIND, resetDatabase } from '../helpers/database';
import { pageText, startTestApp, type TestApp } from '../helpers/app';
import { createCoalitionScene, signedInClient } from '../helpers/factories';
import { db } from '../../src/lib/server/db';
import { letters } from '../../src/lib/server/db/schema';
import { findHeadRevision } from '../../src/lib/server/letters/revisions';

/*
 * Issue 13, point 3, through the real route and without JavaScript: a pasted letter
 * comes back as a filled-in form with a summary of what went where, and nothing is
 * stored until the person creates the draft.
 */

let app: TestApp;
let scene: Awaited<ReturnType<typeof createCoalitionScene>>;

beforeAll(async () => {
	app = await startTestApp();
});

beforeEach(async () => {
	await resetDatabase();
	scene = await createCoalitionScene();
});

const PASTED = `To the Secretary-General of the United Nations
To the High Commissioner for Human Rights

Geneva, 12 March 2026

Open letter on the protection of civic freedoms

Dear Secretary-General, dear High Commissioner,

We write as organisations of the diaspora to share our concern at the narrowing of civic space at home.

We call upon you to:
1. Publicly acknowledge the decline in freedom of expression.
2. Support independent monitoring of the next national elections.

Respectfully,
The undersigned organisations

Signed by:
Steppe Watch
Free Press Initiative`;

const SETTINGS = { primaryLanguage: 'en', dateFormat: 'day_month_year', visibility: 'coalition', ordering: 'alphabetical' };

async function letterCount() {
	const [row] = await db().select({ n: count() }).from(letters).where(eq(letters.coalitionId, scene.coalitionId));
	return row!.n;
}

/** The value of a field in the page, as the browser would post it back. */
function field(html: string, name: string): string {
	const input = new RegExp(`<input[^>]*name="${name}"[^>]*value="([^"]*)"`).exec(html);
	const textarea = new RegExp(`<textarea[^>]*name="${name}"[^>]*>([\\s\\S]*?)</textarea>`).exec(html);
	const raw = input?.[1] ?? textarea?.[1] ?? '';
	return raw.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

describe(`pasting a whole letter (${DATABASE_KIND})`, () => {
	it('converting fills title, addressees, text and closing, shows what went where, and stores nothing; creating the draft stores the fields', async () => {
		const client = await signedInClient(app, scene.coordinator.email);
		const before = await letterCount();
		const path = `/coalitions/${scene.coalitionId}/letters/new`;

		const converted = await client.post(`${path}?/convert`, { ...SETTINGS, pasted: PASTED, title: '', addressees: '', body: '', closing: '', place: '' });
		expect(converted.status).toBe(200);
		expect(await letterCount()).toBe(before);

		const html = converted.text;
		expect(field(html, 'title')).toBe('Open letter on the protection of civic freedoms');
		expect(field(html, 'addressees')).toBe('To the Secretary-General of the United Nations\nTo the High Commissioner for Human Rights');
		expect(field(html, 'closing')).toBe('Respectfully,\nThe undersigned organisations');
		expect(field(html, 'place')).toBe('Geneva');
		const body = field(html, 'body');
		expect(body.split('\n')[0]).toBe('Dear Secretary-General, dear High Commissioner,');
		expect(body).toContain('1. Publicly acknowledge the decline in freedom of expression.');
		for (const gone of ['Open letter on', 'To the Secretary-General', 'Geneva, 12 March 2026', 'Respectfully', 'Signed by', 'Steppe Watch']) expect(body).not.toContain(gone);

		const text = pageText(html);
		expect(text).toContain('What went where');
		expect(text).toContain('Nothing is saved yet.');
		expect(text).toContain('Left out: place and date');
		expect(text).toContain('Left out: signature block');
		expect(text).toContain('Steppe Watch');

		// The person accepts the fields as they are.
		const fields = { ...SETTINGS, title: field(html, 'title'), addressees: field(html, 'addressees'), body, closing: field(html, 'closing'), place: field(html, 'place') };
		const created = await client.post(`${path}?/create`, fields);
		expect(created.status).toBe(303);
		expect(await letterCount()).toBe(before + 1);
		const letterId = created.location!.split('/').pop()!;
		const head = await findHeadRevision(letterId, 'en');
		expect(head).toMatchObject({ title: fields.title, addressees: fields.addressees, body, closing: fields.closing });
	});

	it('fields the pasted letter has no part for keep what the person typed', async () => {
		const client = await signedInClient(app, scene.coordinator.email);
		const pasted = 'We write to ask for the release of the detained journalists.\n\nWe ask for an answer within a month.';
		const response = await client.post(`/coalitions/${scene.coalitionId}/letters/new?/convert`, {
			...SETTINGS,
			pasted,
			title: 'A title I typed',
			addressees: 'To the Minister of Justice',
			closing: 'In solidarity,',
			place: 'Tallinn'
		});
		expect(response.status).toBe(200);
		expect(field(response.text, 'title')).toBe('A title I typed');
		expect(field(response.text, 'addressees')).toBe('To the Minister of Justice');
		expect(field(response.text, 'closing')).toBe('In solidarity,');
		expect(field(response.text, 'place')).toBe('Tallinn');
		expect(field(response.text, 'body')).toBe(pasted);
		expect(pageText(response.text)).toContain('No title was found');
	});

	it('a pasted text over the limit is refused with what was typed kept, and nothing stored', async () => {
		const client = await signedInClient(app, scene.coordinator.email);
		const before = await letterCount();
		const response = await client.post(`/coalitions/${scene.coalitionId}/letters/new?/convert`, { ...SETTINGS, pasted: 'x '.repeat(60_000), title: 'Kept title' });
		expect(response.status).toBe(400);
		expect(pageText(response.text)).toContain('The pasted text is too long.');
		expect(field(response.text, 'title')).toBe('Kept title');
		expect(await letterCount()).toBe(before);
	});

	it('in the editor, converting fills the fields of the text being edited and saves no revision', async () => {
		const client = await signedInClient(app, scene.signatory.email);
		const response = await client.post(`/letters/${scene.letterId}/edit?/convert`, { language: 'en', baseRevisionId: scene.revisionId, pasted: PASTED, title: 'Open letter on civic freedoms' });
		expect(response.status).toBe(200);
		expect(field(response.text, 'title')).toBe('Open letter on the protection of civic freedoms');
		expect(field(response.text, 'closing')).toBe('Respectfully,\nThe undersigned organisations');
		expect(field(response.text, 'body').split('\n')[0]).toBe('Dear Secretary-General, dear High Commissioner,');
		expect(field(response.text, 'baseRevisionId')).toBe(scene.revisionId);
		expect(pageText(response.text)).toContain('What went where');
		// The editor has no place setting, so the summary does not claim to have filled one.
		expect(pageText(response.text)).not.toContain('filled in under Settings');
		expect((await findHeadRevision(scene.letterId, 'en'))!.id).toBe(scene.revisionId);
	});

	it('someone outside the coalition gets no converted form from either page', async () => {
		const client = await signedInClient(app, scene.outsider.email);
		const response = await client.post(`/coalitions/${scene.coalitionId}/letters/new?/convert`, { ...SETTINGS, pasted: PASTED });
		expect(response.status).toBeGreaterThanOrEqual(400);
		expect(response.text).not.toContain('What went where');
		const editor = await client.post(`/letters/${scene.letterId}/edit?/convert`, { language: 'en', pasted: PASTED });
		expect(editor.status).toBeGreaterThanOrEqual(400);
		expect(editor.text).not.toContain('What went where');
	});
});
