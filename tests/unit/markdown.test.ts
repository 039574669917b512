import { describe, expect, it } from 'vitest';
import { renderMarkdown } from '../../src/lib/markdown/render';
import { splitParagraphs } from '../../src/lib/markdown/paragraphs';
import { renderLetterBody, sanitizeLetterHtml } from '../../src/lib/server/letters/render-body';

const RENDERERS = [
	['renderMarkdown (preview)', renderMarkdown],
	['renderLetterBody (server)', renderLetterBody]
] as const;

const XSS_PAYLOADS = [
	'<script>alert(1)</script>',
	'<img src=x onerror=alert(1)>',
	'[x](javascript:alert(1))',
	'[x](JaVaScRiPt:alert(1))',
	'[x](  javascript:alert(1)  )',
	'[x](java\tscript:alert(1))',
	'[x](&#106;avascript:alert(1))',
	'[x](javascript&colon;alert(1))',
	'[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
	'[x](data:image/png;base64,iVBORw0KGgo=)',
	'<svg onload=alert(1)>',
	'<svg><script>alert(1)</script></svg>',
	'[x](vbscript:msgbox(1))',
	'[x](file:///etc/passwd)',
	'<javascript:alert(1)>',
	'<JAVASCRIPT:alert(1)>',
	'[x][ref]\n\n[ref]: javascript:alert(1)',
	'![x](javascript:alert(1))',
	'![x](https://example.org/x.png" onerror="alert(1))',
	'[x](https://example.org/" onmouseover="alert(1))',
	'<a href="javascript:alert(1)">x</a>',
	'<iframe src="javascript:alert(1)"></iframe>',
	'**<img src=x onerror=alert(1)>**',
	'> <script>alert(1)</script>',
	'1. <svg onload=alert(1)>',
	'# <img src=x onerror=alert(1)>',
	'&lt;script&gt;alert(1)&lt;/script&gt;',
	'<style>body{display:none}</style>',
	'[x](//evil.example)'
];

/*
 * Text is escaped (`<` becomes `&lt;`), so every `<` left in the output opens a real
 * element: that is where handlers and links are looked for. The payloads' own words
 * ("onerror=alert(1)") may and should still be readable as text.
 */
const tags = (html: string) => html.match(/<[^>]*>/g) ?? [];

/** Elements and attributes that would run script or load something. */
function activeHtml(html: string): string[] {
	const found: string[] = [];
	for (const tag of tags(html)) {
		if (/^<\/?(script|svg|img|iframe|style|object|embed|math|form|input)\b/i.test(tag)) found.push(tag);
		if (/\son[a-z]+\s*=/i.test(tag)) found.push(tag);
		if (/\s(src|style|target|formaction)\s*=/i.test(tag)) found.push(tag);
		const href = /\shref="([^"]*)"/i.exec(tag)?.[1];
		if (href !== undefined && !/^(https?:\/\/|mailto:)/i.test(href)) found.push(tag);
	}
	return found;
}

describe.each(RENDERERS)('%s keeps script payloads inert (XS1)', (_name, render) => {
	it.each(XSS_PAYLOADS)('%j', (payload) => {
		const html = render(payload);
		expect(activeHtml(html)).toEqual([]);
		expect(html).not.toMatch(/<script/i);
		expect(html).not.toMatch(/<img/i);
		expect(html).not.toMatch(/<svg/i);
		for (const tag of tags(html)) {
			expect(tag).not.toMatch(/onerror=/i);
			expect(tag).not.toMatch(/href="\s*javascript:/i);
		}
	});
});

describe('raw HTML is shown as text, not dropped', () => {
	it('escapes a script tag so readers see what was typed', () => {
		expect(renderMarkdown('<script>alert(1)</script>')).toBe('<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>\n');
	});

	it('leaves a refused link as the characters typed', () => {
		expect(renderMarkdown('[x](javascript:alert(1))')).toBe('<p>[x](javascript:alert(1))</p>\n');
	});

	it('keeps entities readable', () => {
		expect(renderMarkdown('Peace &amp; Justice &copy;')).toBe('<p>Peace &amp; Justice ©</p>\n');
	});
});

describe.each(RENDERERS)('%s renders the letter subset', (_name, render) => {
	it.each([
		['a numbered list keeps its start', '3. Support monitoring\n4. Fund programmes', '<ol start="3">'],
		['a bulleted list', '- one\n- two', '<ul>\n<li>one</li>\n<li>two</li>\n</ul>'],
		['bold', 'We **insist**.', '<strong>insist</strong>'],
		['bold with underscores', 'We __insist__.', '<strong>insist</strong>'],
		['italic', 'We *ask*.', '<em>ask</em>'],
		['a block quote', '> As the charter says', '<blockquote>\n<p>As the charter says</p>\n</blockquote>'],
		['a level-one heading', '# Open letter', '<h1>Open letter</h1>'],
		['a level-two heading', '## Our demands', '<h2>Our demands</h2>'],
		['a level-three heading', '### Background', '<h3>Background</h3>'],
		['a level-four heading', '#### Detail', '<h4>Detail</h4>'],
		['a deeper heading shown as level four', '###### Fine print', '<h4>Fine print</h4>'],
		['paragraphs', 'First.\n\nSecond.', '<p>First.</p>\n<p>Second.</p>'],
		['a hard break with a backslash', 'Respectfully,\\\nThe undersigned', 'Respectfully,<br'],
		['a hard break with two spaces', 'Respectfully,  \nThe undersigned', 'Respectfully,<br'],
		['an escaped asterisk', 'five \\* six', 'five * six'],
		['Cyrillic and Persian text', '**Открытое письмо** و *نامه‌ی سرگشاده*', '<strong>Открытое письмо</strong> و <em>نامه‌ی سرگشاده</em>']
	])('%s', (_label, source, expected) => {
		expect(render(source)).toContain(expected);
	});

	it.each([
		['https', '[site](https://example.org/a?b=c)', 'https://example.org/a?b=c'],
		['http', '[site](http://example.org)', 'http://example.org'],
		['mailto', '[write](mailto:office@example.org)', 'mailto:office@example.org'],
		['an autolink', '<https://example.org>', 'https://example.org']
	])('a %s link gets rel="noopener noreferrer nofollow" and no target', (_label, source, href) => {
		const html = render(source);
		expect(html).toContain(`<a href="${href}" rel="noopener noreferrer nofollow">`);
		expect(html).not.toContain('target=');
	});

	it('drops a link title so preview and page agree', () => {
		expect(render('[site](https://example.org "Title")')).toContain('<a href="https://example.org" rel="noopener noreferrer nofollow">site</a>');
	});

	it('does not turn a bare address into a link', () => {
		expect(render('See https://example.org today')).not.toContain('<a');
	});
});

describe.each(RENDERERS)('%s leaves out what letters do not use', (_name, render) => {
	it.each([
		['a table', '| a | b |\n|---|---|\n| 1 | 2 |', /<table|<td|<th/],
		['a code fence', '```\nconst x = 1;\n```', /<pre|<code/],
		['an indented code block', 'Intro\n\n    const x = 1;', /<pre|<code/],
		['inline code', 'Use `code` here', /<code/],
		['an image', '![logo](https://example.org/logo.png)', /<img/],
		['a horizontal rule', 'Above\n\n---\n\nBelow', /<hr/],
		['a rule of asterisks', '***', /<hr/],
		['strikethrough', '~~gone~~', /<s>|<del/],
		['a setext heading', 'Title\n=====', /<h1/],
		['raw HTML', '<b>bold</b> <div>block</div>', /<b>|<div/],
		['a typographer replacement', '(c) "quotes" -- dashes', /©|“|–/],
		['a linkified address', 'www.example.org', /<a/]
	])('%s', (_label, source, forbidden) => {
		expect(render(source)).not.toMatch(forbidden);
	});
});

describe('sanitizeLetterHtml: the allow-list behind the renderer', () => {
	it.each([
		['a script element with its content', '<p>a<script>alert(1)</script></p>', '<p>a</p>'],
		['an image', '<p><img src=x onerror=alert(1)>b</p>', '<p>b</p>'],
		['an svg with a handler', '<svg onload=alert(1)><circle /></svg>c', 'c'],
		['a javascript: link', '<a href="javascript:alert(1)">x</a>', '<a rel="noopener noreferrer nofollow">x</a>'],
		['a mixed-case, tab-split scheme', '<a href="JaVa&#09;ScRiPt:alert(1)">x</a>', '<a rel="noopener noreferrer nofollow">x</a>'],
		['a data: link', '<a href="data:text/html;base64,PHNjcmlwdD4=">x</a>', '<a rel="noopener noreferrer nofollow">x</a>'],
		['a protocol-relative link', '<a href="//evil.example">x</a>', '<a rel="noopener noreferrer nofollow">x</a>'],
		['a target and a weaker rel', '<a href="https://example.org" target="_blank" rel="opener">x</a>', '<a href="https://example.org" rel="noopener noreferrer nofollow">x</a>'],
		['event handlers and styles on allowed elements', '<p onclick="alert(1)" style="color:red" class="x">d</p>', '<p>d</p>'],
		['a list start that is not a number', '<ol start="1 onmouseover=alert(1)"><li>e</li></ol>', '<ol><li>e</li></ol>'],
		['a numeric list start', '<ol start="3"><li>f</li></ol>', '<ol start="3"><li>f</li></ol>'],
		['a heading deeper than four', '<h5>g</h5>', 'g'],
		['an iframe', '<iframe src="https://evil.example"></iframe>h', 'h']
	])('%s', (_label, html, expected) => {
		expect(sanitizeLetterHtml(html)).toBe(expected);
	});
});

describe('renderLetterBody', () => {
	it('renders the sample letter shape with its numbered demands', () => {
		const html = renderLetterBody(SAMPLE_LETTER);
		expect(html).toContain('<h1>Open letter on the protection of civic freedoms</h1>');
		expect(html).toContain('<ol>\n<li>Publicly acknowledge');
		expect(html).toContain('Respectfully,<br />\nThe undersigned organisations');
	});
});

const SAMPLE_LETTER = `# Open letter on the protection of civic freedoms

To the Secretary-General of the United Nations

We write as organisations of the diaspora, living in many countries yet bound to one
homeland, to share our concern at the narrowing of civic space there.

We call upon your governments and organisations to:

1. Publicly acknowledge the decline in freedom of expression.
2. Raise the protection of journalists in every bilateral dialogue.
   - including in trade talks
3. Support independent monitoring of the next national elections.

> Freedom of expression is the foundation of every democracy.

We stand ready to meet with your offices.

Respectfully,\\
The undersigned organisations`;

describe('splitParagraphs', () => {
	it('numbers headings, paragraphs, each top-level list item and quotes from 1', () => {
		expect(splitParagraphs(SAMPLE_LETTER)).toEqual([
			{ index: 1, text: '# Open letter on the protection of civic freedoms' },
			{ index: 2, text: 'To the Secretary-General of the United Nations' },
			{
				index: 3,
				text: 'We write as organisations of the diaspora, living in many countries yet bound to one\nhomeland, to share our concern at the narrowing of civic space there.'
			},
			{ index: 4, text: 'We call upon your governments and organisations to:' },
			{ index: 5, text: '1. Publicly acknowledge the decline in freedom of expression.' },
			{ index: 6, text: '2. Raise the protection of journalists in every bilateral dialogue.\n   - including in trade talks' },
			{ index: 7, text: '3. Support independent monitoring of the next national elections.' },
			{ index: 8, text: '> Freedom of expression is the foundation of every democracy.' },
			{ index: 9, text: 'We stand ready to meet with your offices.' },
			{ index: 10, text: 'Respectfully,\\\nThe undersigned organisations' }
		]);
	});

	it.each([
		['an empty text', '', []],
		['only blank lines', '\n\n  \n', []],
		['one paragraph', 'Hello.', ['Hello.']],
		['Windows line endings', 'One\r\nstill one\r\n\r\nTwo', ['One\nstill one', 'Two']],
		['a loose list, one paragraph per item', '- a\n\n- b\n\n  more of b\n\nAfter', ['- a', '- b\n\n  more of b', 'After']],
		['a quote with a blank quoted line stays whole', '> a\n>\n> b', ['> a\n>\n> b']],
		['a list inside a quote stays with the quote', '> 1. a\n> 2. b', ['> 1. a\n> 2. b']],
		['an ordered list after text without a blank line', 'Demands:\n1. a\n2. b', ['Demands:', '1. a', '2. b']],
		['Persian paragraphs', 'بند نخست.\n\nبند دوم.', ['بند نخست.', 'بند دوم.']]
	])('%s', (_label, source, expected) => {
		expect(splitParagraphs(source).map((p) => p.text)).toEqual(expected);
		expect(splitParagraphs(source).map((p) => p.index)).toEqual(expected.map((_, i) => i + 1));
	});

	it('gives blocks that render on their own like in the letter', () => {
		const item = splitParagraphs('Intro\n\n3. Third\n4. Fourth')[1];
		expect(item?.text).toBe('3. Third');
		expect(renderMarkdown(item?.text ?? '')).toContain('<ol start="3">');
	});
});
