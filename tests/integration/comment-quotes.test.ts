import { beforeEach, describe, expect, it } from 'vitest';
import { DATABASE_KIND, resetDatabase, testDatabase } from '../helpers/database';
import { createCoalitionScene } from '../helpers/factories';
import { db } from '../../src/lib/server/db';
import { addComment } from '../../src/lib/server/letters/add-comment';
import { getLetterPage } from '../../src/lib/server/letters/letter-page';
import { excerptOf, QUOTE_LENGTH } from '../../src/lib/server/letters/comment-quotes';
import { saveRevision } from '../../src/lib/server/letters/save-revision';
import { findHeadRevision } from '../../src/lib/server/letters/revisions';

beforeEach(async () => {
	await testDatabase();
	await resetDatabase();
});

type Scene = Awaited<ReturnType<typeof createCoalitionScene>>;

const LONG = `We ask the **Ministry of Environment** to publish every licence for water use in the steppe, with [its map](https://example.org/map), the volume granted, the company that holds it and the date it ends, so that herders can see who uses their water.`;
const PERSIAN = 'ما از وزارت محیط زیست می‌خواهیم که همهٔ مجوزهای استفاده از آب را منتشر کند.';

async function save(s: Scene, language: string, body: string, sourceRevisionId: string | null = null) {
	const head = await findHeadRevision(s.letterId, language, db());
	const primary = await findHeadRevision(s.letterId, 'en', db());
	await saveRevision({
		actor: s.coordinator,
		letterId: s.letterId,
		language,
		baseRevisionId: head?.id ?? null,
		sourceRevisionId,
		text: { title: primary!.title, addressees: primary!.addressees, body, closing: primary!.closing }
	});
}

const comment = (s: Scene, paragraph: number | null, language: string, body = `About ${paragraph ?? 'the letter'}`) =>
	addComment({ actor: s.signatory, letterId: s.letterId, body, paragraph, language, parentId: null });

describe(`comments quote their paragraph (${DATABASE_KIND})`, () => {
	it('a thread quotes the start of its paragraph from the current text, in words, numbered as the comment form numbers them', async () => {
		const s = await createCoalitionScene();
		await save(s, 'en', `# Water for the steppe\n\n${LONG}\n\n1. Acknowledge the decline.\n2. Protect journalists.`);
		const before = await getLetterPage({ letterId: s.letterId, actor: s.signatory, language: null });
		// The body is rendered paragraph by paragraph, with the numbers the form offers.
		expect(before.bodyParagraphs.map((p) => p.index)).toEqual(before.paragraphs.map((p) => p.index));
		expect(before.bodyParagraphs.map((p) => p.html)).toEqual([
			'<h1>Water for the steppe</h1>\n',
			expect.stringContaining('<strong>Ministry of Environment</strong>'),
			'<ol>\n<li>Acknowledge the decline.</li>\n</ol>\n',
			'<ol start="2">\n<li>Protect journalists.</li>\n</ol>\n'
		]);
		await comment(s, 2, 'en');
		await comment(s, 4, 'en');
		await comment(s, null, 'en');
		const { threads } = await getLetterPage({ letterId: s.letterId, actor: s.signatory, language: null });
		const [long, demand, whole] = threads;
		expect(long!.quote).toEqual({ kind: 'quote', paragraph: 2, language: 'en', excerpt: expect.stringMatching(/^We ask the Ministry of Environment to publish every licence for water use in the steppe, with its map, the volume granted, the company .*…$/) });
		const excerpt = long!.quote!.kind === 'quote' ? long!.quote!.excerpt : '';
		expect(Array.from(excerpt).length).toBeLessThanOrEqual(QUOTE_LENGTH + 1);
		expect(excerpt).not.toMatch(/[*[\]()]|https:/);
		expect(demand!.quote).toEqual({ kind: 'quote', paragraph: 4, language: 'en', excerpt: 'Protect journalists.' });
		expect(whole!.quote).toBeNull();
	});

	it('a thread whose paragraph was deleted says so, and keeps its number', async () => {
		const s = await createCoalitionScene();
		await comment(s, 4, 'en');
		await save(s, 'en', 'We write as organisations of the diaspora.\n\nWe ask you to acknowledge the decline.');
		const { threads, paragraphs } = await getLetterPage({ letterId: s.letterId, actor: s.signatory, language: null });
		expect(paragraphs).toHaveLength(2);
		expect(threads[0]!.quote).toEqual({ kind: 'gone', paragraph: 4, language: 'en' });
	});

	it('a thread on a right-to-left translation quotes that translation, whichever language the page shows', async () => {
		const s = await createCoalitionScene();
		const primary = await findHeadRevision(s.letterId, 'en', db());
		await save(s, 'fa', `${PERSIAN}\n\nدوم: از روزنامه‌نگاران محافظت کنید.`, primary!.id);
		await comment(s, 2, 'fa', 'ترجمهٔ بهتری پیشنهاد می‌کنم.');
		await comment(s, 3, 'fa');
		for (const language of ['en', 'fa']) {
			const { threads } = await getLetterPage({ letterId: s.letterId, actor: s.signatory, language });
			expect(threads[0]!.quote, language).toEqual({ kind: 'quote', paragraph: 2, language: 'fa', excerpt: 'دوم: از روزنامه‌نگاران محافظت کنید.' });
			expect(threads[1]!.quote, language).toEqual({ kind: 'gone', paragraph: 3, language: 'fa' });
		}
	});

	it('an excerpt is cut at a word, never inside a character, and only when the paragraph is long', () => {
		expect(excerptOf('Short.')).toBe('Short.');
		expect(excerptOf('word '.repeat(40).trim(), 22)).toBe('word word word word…');
		const emoji = '🌾'.repeat(200);
		expect(excerptOf(emoji, 10)).toBe(`${'🌾'.repeat(10)}…`);
		expect(excerptOf(`${PERSIAN} ${PERSIAN}`, 40).endsWith('…')).toBe(true);
		expect(excerptOf(`${PERSIAN} ${PERSIAN}`, 40)).not.toMatch(/\s…$/);
	});
});
