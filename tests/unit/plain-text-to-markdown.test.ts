import { describe, expect, it } from 'vitest';
import { plainTextToMarkdown } from '../../src/lib/markdown/plain-text-to-markdown';
import { renderMarkdown } from '../../src/lib/markdown/render';

// The shape of a coalition letter as coordinators receive it by e-mail: hard-wrapped
// at 88 characters, addressees on their own lines, numbered demands, a closing.
const EMAILED_LETTER = `Open letter on the protection of civic freedoms in the homeland

To the Secretary-General of the United Nations
To the Ministers of Foreign Affairs of the member states of the Community of Democracies

We write as organisations of the diaspora, living in many countries yet bound to one
homeland, to share our concern at the narrowing of civic space there over the past
decade. Journalists who report on public spending face lawsuits; organisers of peaceful
gatherings are questioned and fined; civic associations meet new registration hurdles
every year. Many of our own members left because speaking openly at home had become too
costly.

We value the free elections and the open debate that once set our homeland apart in its
region. We ask you to help preserve them. Specifically, we call upon your governments
and organisations to:

1. Publicly acknowledge the decline in freedom of expression, assembly and the press.
2. Raise the protection of journalists and civic organisers in every bilateral dialogue.
3. Support independent monitoring of the next national elections.
4. Fund programmes that strengthen transparency and accountability in public institutions.
5. Consider targeted measures against officials responsible for serious abuses.

We stand ready to meet with your offices and to provide documented cases.

Respectfully,
The undersigned organisations`;

const EMAILED_LETTER_MARKDOWN = `Open letter on the protection of civic freedoms in the homeland

To the Secretary-General of the United Nations\\
To the Ministers of Foreign Affairs of the member states of the Community of Democracies

We write as organisations of the diaspora, living in many countries yet bound to one homeland, to share our concern at the narrowing of civic space there over the past decade. Journalists who report on public spending face lawsuits; organisers of peaceful gatherings are questioned and fined; civic associations meet new registration hurdles every year. Many of our own members left because speaking openly at home had become too costly.

We value the free elections and the open debate that once set our homeland apart in its region. We ask you to help preserve them. Specifically, we call upon your governments and organisations to:

1. Publicly acknowledge the decline in freedom of expression, assembly and the press.
2. Raise the protection of journalists and civic organisers in every bilateral dialogue.
3. Support independent monitoring of the next national elections.
4. Fund programmes that strengthen transparency and accountability in public institutions.
5. Consider targeted measures against officials responsible for serious abuses.

We stand ready to meet with your offices and to provide documented cases.

Respectfully,\\
The undersigned organisations`;

// The same kind of letter pasted from a word processor: one line per paragraph,
// bullets as glyphs, items that do not wrap, Windows line endings.
const WORD_PROCESSOR_LETTER = [
	'Dear Minister,',
	'We write to you on behalf of forty-two organisations of the diaspora who have followed with growing concern the events of the past year.',
	'We therefore ask you to:',
	'•\tcondemn the detention of the journalists arrested in March;',
	'•\tcall for their immediate release;',
	'•\tsupport an independent inquiry.',
	'We thank you for your attention and remain at your disposal.',
	'Yours sincerely,',
	'Civic Space Watch',
	'Diaspora Voices Network'
].join('\r\n');

const WORD_PROCESSOR_LETTER_MARKDOWN = `Dear Minister,\\
We write to you on behalf of forty-two organisations of the diaspora who have followed with growing concern the events of the past year.

We therefore ask you to:

- condemn the detention of the journalists arrested in March;
- call for their immediate release;
- support an independent inquiry.

We thank you for your attention and remain at your disposal.

Yours sincerely,\\
Civic Space Watch\\
Diaspora Voices Network`;

// Items whose text wraps onto a second line, with and without a hanging indent.
const WRAPPED_ITEMS = `Our demands, shared by every organisation that has signed this letter, are few and simple:

1) Release every journalist and civic organiser detained for their work, and drop all
charges against them without delay or condition.
2) Repeal the amendments to the law on associations adopted last year, which require
   every organisation to register again and to report each foreign donation.
3) Invite the Special Rapporteur on freedom of expression.`;

const WRAPPED_ITEMS_MARKDOWN = `Our demands, shared by every organisation that has signed this letter, are few and simple:

1. Release every journalist and civic organiser detained for their work, and drop all charges against them without delay or condition.
2. Repeal the amendments to the law on associations adopted last year, which require every organisation to register again and to report each foreign donation.
3. Invite the Special Rapporteur on freedom of expression.`;

const RUSSIAN_LETTER = `ОТКРЫТОЕ ПИСЬМО

Мы, организации диаспоры, выражаем глубокую обеспокоенность сужением гражданского
пространства на родине за последние десять лет. Журналисты, пишущие о расходах
бюджета, подвергаются преследованиям.

Мы призываем:

(1) публично признать ухудшение положения со свободой слова;
(2) поддержать независимое наблюдение за выборами.

С уважением,
Нижеподписавшиеся организации`;

const RUSSIAN_LETTER_MARKDOWN = `## ОТКРЫТОЕ ПИСЬМО

Мы, организации диаспоры, выражаем глубокую обеспокоенность сужением гражданского пространства на родине за последние десять лет. Журналисты, пишущие о расходах бюджета, подвергаются преследованиям.

Мы призываем:

1. публично признать ухудшение положения со свободой слова;
2. поддержать независимое наблюдение за выборами.

С уважением,\\
Нижеподписавшиеся организации`;

// Persian letters number their demands in Persian digits and use the Arabic comma.
// The zero-width non-joiner in "نامه‌ای" is part of the spelling and must survive.
const PERSIAN_LETTER = `ما سازمان‌های دیاسپورا این نامه‌ای سرگشاده را برای بیان نگرانی عمیق خود از محدود
شدن فضای مدنی در سال‌های اخیر می‌نویسیم و از شما می‌خواهیم که اقدام کنید.

از دولت‌ها می‌خواهیم:

۱. آزادی بیان را به رسمیت بشناسند.
۲. از روزنامه‌نگاران حمایت کنند.

با احترام،
سازمان‌های امضاکننده`;

const PERSIAN_LETTER_MARKDOWN = `ما سازمان‌های دیاسپورا این نامه‌ای سرگشاده را برای بیان نگرانی عمیق خود از محدود شدن فضای مدنی در سال‌های اخیر می‌نویسیم و از شما می‌خواهیم که اقدام کنید.

از دولت‌ها می‌خواهیم:

1. آزادی بیان را به رسمیت بشناسند.
2. از روزنامه‌نگاران حمایت کنند.

با احترام،\\
سازمان‌های امضاکننده`;

describe('plainTextToMarkdown: whole letters', () => {
	it.each([
		['a letter received by e-mail, hard-wrapped', EMAILED_LETTER, EMAILED_LETTER_MARKDOWN],
		['a letter pasted from a word processor with Windows line endings', WORD_PROCESSOR_LETTER, WORD_PROCESSOR_LETTER_MARKDOWN],
		['a list whose items wrap over two lines', WRAPPED_ITEMS, WRAPPED_ITEMS_MARKDOWN],
		['a Russian letter with an ALL-CAPS title and (1) items', RUSSIAN_LETTER, RUSSIAN_LETTER_MARKDOWN],
		['a Persian letter with Persian digits', PERSIAN_LETTER, PERSIAN_LETTER_MARKDOWN]
	])('%s', (_label, input, expected) => {
		expect(plainTextToMarkdown(input)).toBe(expected);
	});

	it('gives the same Markdown with Windows, old Mac and Unix line endings', () => {
		const unix = plainTextToMarkdown(EMAILED_LETTER);
		expect(plainTextToMarkdown(EMAILED_LETTER.replace(/\n/g, '\r\n'))).toBe(unix);
		expect(plainTextToMarkdown(EMAILED_LETTER.replace(/\n/g, '\r'))).toBe(unix);
	});

	it('renders the closing on two lines of one paragraph', () => {
		expect(renderMarkdown(plainTextToMarkdown(EMAILED_LETTER))).toContain('<p>Respectfully,<br>\nThe undersigned organisations</p>');
	});

	it('renders the demands as a list starting where the text started', () => {
		const html = renderMarkdown(plainTextToMarkdown('We ask you to:\n\n3. Act.\n4. Report.'));
		expect(html).toContain('<ol start="3">\n<li>Act.</li>\n<li>Report.</li>\n</ol>');
	});
});

describe('plainTextToMarkdown: line endings, white space and Unicode', () => {
	it.each([
		['empty text', '', ''],
		['only white space', ' \r\n\t\n ', ''],
		['CRLF paragraphs', 'One.\r\n\r\nTwo.', 'One.\n\nTwo.'],
		['CR paragraphs', 'One.\r\rTwo.', 'One.\n\nTwo.'],
		['a byte-order mark', '\uFEFFHello.', 'Hello.'],
		['several blank lines', 'One.\n\n\n\nTwo.', 'One.\n\nTwo.'],
		['runs of spaces and tabs inside a line', 'One\t  two   three.', 'One two three.'],
		['leading indentation of a paragraph', '    Indented text is not code.', 'Indented text is not code.'],
		['decomposed accents are composed (NFC)', 'Cafe\u0301 in Mu\u0308nchen.', 'Café in München.'],
		['Unicode paragraph and line separators', 'One.\u2029Two,\u2028Three', 'One.\n\nTwo,\\\nThree']
	])('%s', (_label, input, expected) => {
		expect(plainTextToMarkdown(input)).toBe(expected);
	});
});

describe('plainTextToMarkdown: line breaks inside a block', () => {
	it.each([
		[
			'a hard-wrapped paragraph is joined',
			'We write as organisations of the diaspora, living in many countries yet bound\nto one homeland, to share our concern at the narrowing of civic space there.',
			'We write as organisations of the diaspora, living in many countries yet bound to one homeland, to share our concern at the narrowing of civic space there.'
		],
		[
			'a sentence that ends a short line ends the paragraph',
			'We write as organisations of the diaspora, living in many countries yet bound\nto one homeland.\nWe share our concern at the narrowing of civic space there over the past decade.',
			'We write as organisations of the diaspora, living in many countries yet bound to one homeland.\n\nWe share our concern at the narrowing of civic space there over the past decade.'
		],
		['short address lines keep their breaks', 'Ministry of Foreign Affairs\nPalace Square 1\nCapital City', 'Ministry of Foreign Affairs\\\nPalace Square 1\\\nCapital City'],
		['a closing after a paragraph in the same block', 'We stand ready to meet with your offices.\nRespectfully,\nThe undersigned organisations', 'We stand ready to meet with your offices.\n\nRespectfully,\\\nThe undersigned organisations'],
		[
			'a closing right after a full wrapped line is not joined to it',
			'We write as organisations of the diaspora, living in many countries yet bound to\none homeland, and we stand ready to meet your offices with documented cases.\nWith respect,\nThe undersigned',
			'We write as organisations of the diaspora, living in many countries yet bound to one homeland, and we stand ready to meet your offices with documented cases.\n\nWith respect,\\\nThe undersigned'
		],
		['a short line continued in lower case is joined', 'Short note\nwith two lines', 'Short note with two lines'],
		['an item continued in lower case is joined', '1. Fund programmes\nfor journalists\n2. Report', '1. Fund programmes for journalists\n2. Report'],
		['a line ending in a comma is not joined to lower case', 'Sehr geehrte Damen und Herren,\nwir schreiben Ihnen.', 'Sehr geehrte Damen und Herren,\\\nwir schreiben Ihnen.'],
		['a salutation keeps its own line', 'Dear Minister,\nWe write to you today.', 'Dear Minister,\\\nWe write to you today.'],
		[
			'long unwrapped lines are paragraphs of their own',
			`${'A sentence that goes on. '.repeat(5).trim()}\n${'Another one that goes on. '.repeat(5).trim()}`,
			`${'A sentence that goes on. '.repeat(5).trim()}\n\n${'Another one that goes on. '.repeat(5).trim()}`
		]
	])('%s', (_label, input, expected) => {
		expect(plainTextToMarkdown(input)).toBe(expected);
	});
});

describe('plainTextToMarkdown: lists', () => {
	it.each([
		['1. items', '1. First\n2. Second', '1. First\n2. Second'],
		['1) items', '1) First\n2) Second', '1. First\n2. Second'],
		['(1) items', '(1) First\n(2) Second', '1. First\n2. Second'],
		['a) items are numbered', 'a) First\nb) Second\nc) Third', '1. First\n2. Second\n3. Third'],
		['(a) items are numbered', '(a) First\n(b) Second', '1. First\n2. Second'],
		['a list keeps its starting number', '4. Fourth\n5. Fifth', '4. Fourth\n5. Fifth'],
		['Persian digits with a hyphen', '۱- نخست\n۲- دوم', '1. نخست\n2. دوم'],
		['• bullets', '• One\n• Two', '- One\n- Two'],
		['· bullets', '· One\n· Two', '- One\n- Two'],
		['- bullets', '- One\n- Two', '- One\n- Two'],
		['– bullets', '– One\n– Two', '- One\n- Two'],
		['* bullets', '* One\n* Two', '- One\n- Two'],
		['▪ bullets', '▪ One\n▪ Two', '- One\n- Two'],
		['a bullet glyph without a space', '•One\n•Two', '- One\n- Two'],
		['items separated by blank lines stay one list', '1. First\n\n2. Second\n\n3. Third', '1. First\n2. Second\n3. Third'],
		['lettered items separated by blank lines', 'a) First\n\nb) Second', '1. First\n2. Second'],
		['a list right after its introduction', 'We ask you to:\n1. Act\n2. Report', 'We ask you to:\n\n1. Act\n2. Report'],
		['a paragraph right after a list', '- Act;\n- Report.\nWe thank you for your attention.', '- Act;\n- Report.\n\nWe thank you for your attention.'],
		['an indented bullet nests under its item', '1. Fund programmes:\n   - for journalists\n   - for observers\n2. Report', '1. Fund programmes:\n   - for journalists\n   - for observers\n2. Report'],
		['a lettered list must start at a', 'b) is not a list item', 'b) is not a list item'],
		['a dash followed by a number is text', '-5 degrees at night.', '\\-5 degrees at night.'],
		['an emphasised word at the start is not a bullet', '*Urgent* appeal.', '\\*Urgent\\* appeal.'],
		['Markdown characters inside an item are escaped', '1. Release *all* prisoners [now]', '1. Release \\*all\\* prisoners \\[now\\]'],
		['an item that starts like a heading', '- # one', '- \\# one']
	])('%s', (_label, input, expected) => {
		expect(plainTextToMarkdown(input)).toBe(expected);
	});

	it('does not make a list of a number that a wrapped sentence put at the start of a line', () => {
		const input =
			'In the last year the courts have convicted journalists in eleven cases, and in\n12. cases more the trial is still going on, according to the monitors we work with.';
		const output = plainTextToMarkdown(input);
		expect(output).toBe(
			'In the last year the courts have convicted journalists in eleven cases, and in 12. cases more the trial is still going on, according to the monitors we work with.'
		);
		expect(renderMarkdown(output)).not.toContain('<ol');
	});
});

describe('plainTextToMarkdown: headings (conservative)', () => {
	it.each([
		['an ALL-CAPS line before prose', 'OUR DEMANDS\n\nWe ask the ministers to act without delay on each of the points below.', '## OUR DEMANDS\n\nWe ask the ministers to act without delay on each of the points below.'],
		['an ALL-CAPS line before a list', 'OUR DEMANDS\n\n1. Act\n2. Report', '## OUR DEMANDS\n\n1. Act\n2. Report'],
		[
			'two short section lines before prose',
			'Dear friends,\n\nBackground\n\nThe situation has worsened steadily over the past ten years in every region.\n\nOur demands\n\nWe ask the ministers to act without delay on each of the points below.',
			'Dear friends,\n\n## Background\n\nThe situation has worsened steadily over the past ten years in every region.\n\n## Our demands\n\nWe ask the ministers to act without delay on each of the points below.'
		],
		[
			'one short line alone is left as a paragraph',
			'Dear friends,\n\nBackground\n\nThe situation has worsened steadily over the past ten years in every region.',
			'Dear friends,\n\nBackground\n\nThe situation has worsened steadily over the past ten years in every region.'
		],
		[
			'a salutation without a comma at the top is not a heading',
			'Dear Minister\n\nThe situation has worsened steadily over the past ten years in every region.\n\nOur demands\n\nWe ask the ministers to act without delay on each of the points below.',
			'Dear Minister\n\nThe situation has worsened steadily over the past ten years in every region.\n\nOur demands\n\nWe ask the ministers to act without delay on each of the points below.'
		],
		['an ALL-CAPS signature after the closing is not a heading', 'Respectfully,\n\nCIVIC SPACE WATCH\n\nDIASPORA VOICES NETWORK', 'Respectfully,\n\nCIVIC SPACE WATCH\n\nDIASPORA VOICES NETWORK'],
		['an ALL-CAPS line at the end is not a heading', 'We thank you.\n\nCIVIC SPACE WATCH', 'We thank you.\n\nCIVIC SPACE WATCH'],
		['an ALL-CAPS line ending in a full stop is not a heading', 'PLEASE ACT NOW.\n\nWe ask the ministers to act without delay on each of the points below.', 'PLEASE ACT NOW.\n\nWe ask the ministers to act without delay on each of the points below.'],
		['a short acronym is not a heading', 'UN\n\nWe ask the ministers to act without delay on each of the points below.', 'UN\n\nWe ask the ministers to act without delay on each of the points below.']
	])('%s', (_label, input, expected) => {
		expect(plainTextToMarkdown(input)).toBe(expected);
	});
});

describe('plainTextToMarkdown: text reads as it was typed', () => {
	it.each([
		['asterisks', 'A *very* important point.', 'A \\*very\\* important point.'],
		['underscores', 'See file_name and _this_.', 'See file\\_name and \\_this\\_.'],
		['square brackets', 'The law [as amended] applies.', 'The law \\[as amended\\] applies.'],
		['something that looks like a link', '[click](https://example.org)', '\\[click\\](https://example.org)'],
		['backticks', 'Type `yes` to agree.', 'Type \\`yes\\` to agree.'],
		['a backslash', 'C:\\Letters\\draft', 'C:\\\\Letters\\\\draft'],
		['angle brackets', 'Write to <office@example.org>.', 'Write to \\<office@example.org>.'],
		['an entity-like sequence', 'Use &amp; in HTML.', 'Use \\&amp; in HTML.'],
		['a plain ampersand stays', 'Peace & Justice', 'Peace & Justice'],
		['# at the start of a line', '#1 priority: the release of prisoners.', '\\#1 priority: the release of prisoners.'],
		['> at the start of a line', '> quoted in an e-mail', '\\> quoted in an e-mail'],
		['a year followed by a full stop at the start of a paragraph', '1998. That was the year it began.', '1998\\. That was the year it began.'],
		['+ at the start of a line', '+ more to come', '\\+ more to come'],
		['a rule of dashes', '---', '\\---'],
		['a rule of equals signs', '===', '\\==='],
		['a table row', '| a | b |', '\\| a | b |'],
		['an HTML tag', '<script>alert(1)</script>', '\\<script>alert(1)\\</script>'],
		['a Markdown heading typed on purpose', '## Title', '\\## Title']
	])('%s', (_label, input, expected) => {
		expect(plainTextToMarkdown(input)).toBe(expected);
	});

	it.each([
		'A *very* important point [as amended] with `code` and \\ and <b>tags</b> & &amp;.',
		'1998. That was the year it began.',
		'#1 priority',
		'> not a quote',
		'-5 is not a list',
		'+ neither is this',
		'b) nor this',
		'Respectfully,\nThe undersigned'
	])('renders %j back to its own characters', (input) => {
		const html = renderMarkdown(plainTextToMarkdown(input));
		const text = html
			.replace(/<br>\n/g, '\n')
			.replace(/<[^>]+>/g, '')
			.replace(/&lt;/g, '<')
			.replace(/&gt;/g, '>')
			.replace(/&quot;/g, '"')
			.replace(/&amp;/g, '&')
			.trim();
		expect(text).toBe(input);
	});
});
