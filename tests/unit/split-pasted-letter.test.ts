import { describe, expect, it } from 'vitest';
import { splitPastedLetter } from '../../src/lib/markdown/split-pasted-letter';

/*
 * Issue 13, point 3: letters shaped like the ones coalitions paste, in the languages
 * they write in. Each names every field exactly; `first` is the first line of the
 * body (the salutation, which stays there).
 */
interface Case {
	name: string;
	text: string;
	title: string;
	addressees: string;
	closing: string;
	placeAndDate?: string;
	place?: string;
	signatureBlock?: string;
	first: string;
	/** A line the body still has (the letter itself survives). */
	keeps: string;
}

const CASES: Case[] = [
	{
		name: 'English: addressees with "To", an open-letter title, a place and date, a signature list',
		text: `To the Secretary-General of the United Nations
To the Ministers of Foreign Affairs of the member states of the Community of Democracies

Geneva, 12 March 2026

Open letter on the protection of civic freedoms in the homeland

Dear Secretary-General, dear Ministers,

We write as organisations of the diaspora, living in many countries yet bound to one homeland, to share our concern at the narrowing of civic space there.

We call upon your governments to:
1. Publicly acknowledge the decline in freedom of expression.
2. Support independent monitoring of the next national elections.

We stand ready to meet with your offices.

Yours sincerely,

Signed by:
Steppe Watch
Diaspora Voices Network
Free Press Initiative`,
		title: 'Open letter on the protection of civic freedoms in the homeland',
		addressees: 'To the Secretary-General of the United Nations\nTo the Ministers of Foreign Affairs of the member states of the Community of Democracies',
		closing: 'Yours sincerely,',
		placeAndDate: 'Geneva, 12 March 2026',
		place: 'Geneva',
		signatureBlock: 'Signed by:\nSteppe Watch\nDiaspora Voices Network\nFree Press Initiative',
		first: 'Dear Secretary-General, dear Ministers,',
		keeps: '1. Publicly acknowledge the decline in freedom of expression.'
	},
	{
		name: 'English: an address block without "To", a "Re:" subject, "Respectfully, The undersigned organisations" (stray Markdown breaks)',
		text: `H.E. Ms. Jane Doe\\
Minister of Foreign Affairs\\
Ministry of Foreign Affairs\\
Wellington

Re: Water rights of herder communities in the Gobi

Your Excellency,

We, the undersigned organisations, write to ask for urgent action on water rights in the Gobi. Mining licences granted since 2020 have drained the wells herders depend on.

We would welcome the chance to discuss this with you.

Respectfully,\\
The undersigned organisations`,
		title: 'Water rights of herder communities in the Gobi',
		addressees: 'H.E. Ms. Jane Doe\nMinister of Foreign Affairs\nMinistry of Foreign Affairs\nWellington',
		closing: 'Respectfully,\nThe undersigned organisations',
		first: 'Your Excellency,',
		keeps: 'We would welcome the chance to discuss this with you.'
	},
	{
		name: 'English: an ALL-CAPS title first, a US date, closing followed by organisations',
		text: `JOINT LETTER ON THE DETENTION OF HUMAN RIGHTS DEFENDERS

To: President of the European Commission
President of the European Council

March 12, 2026

Dear Presidents,

We are writing to express our deep concern about the detention of human rights defenders since January.

Sincerely,
Amnesty Group North
Human Rights House
Civic Space Monitor`,
		title: 'JOINT LETTER ON THE DETENTION OF HUMAN RIGHTS DEFENDERS',
		addressees: 'To: President of the European Commission\nPresident of the European Council',
		closing: 'Sincerely,',
		placeAndDate: 'March 12, 2026',
		signatureBlock: 'Amnesty Group North\nHuman Rights House\nCivic Space Monitor',
		first: 'Dear Presidents,',
		keeps: 'We are writing to express our deep concern about the detention of human rights defenders since January.'
	},
	{
		name: 'Swedish: "Till", "Öppet brev", "Ärade", "Med vänliga hälsningar", date in the text',
		text: `Till statsminister Ulf Kristersson
Regeringskansliet
103 33 Stockholm

Stockholm, 12 mars 2026

Öppet brev om rätten att demonstrera

Ärade statsminister,

Vi, de undertecknade organisationerna, vänder oss till dig med anledning av de nya reglerna för allmänna sammankomster.

Vi ber regeringen att återkalla förslaget.

Med vänliga hälsningar

Civil Rights Defenders
Svenska Mongoliska Föreningen`,
		title: 'Öppet brev om rätten att demonstrera',
		addressees: 'Till statsminister Ulf Kristersson\nRegeringskansliet\n103 33 Stockholm',
		closing: 'Med vänliga hälsningar',
		placeAndDate: 'Stockholm, 12 mars 2026',
		place: 'Stockholm',
		signatureBlock: 'Civil Rights Defenders\nSvenska Mongoliska Föreningen',
		first: 'Ärade statsminister,',
		keeps: 'Vi ber regeringen att återkalla förslaget.'
	},
	{
		name: 'Russian: addressees in the dative, ОТКРЫТОЕ ПИСЬМО, "Уважаемый …!", "С уважением,"',
		text: `Президенту Республики Казахстан
К.-Ж. К. Токаеву

Алматы, 12 марта 2026 г.

ОТКРЫТОЕ ПИСЬМО

Уважаемый Касым-Жомарт Кемелевич!

Мы, нижеподписавшиеся организации гражданского общества, обращаемся к Вам в связи с задержанием журналистов.

Просим Вас обеспечить их немедленное освобождение.

С уважением,
нижеподписавшиеся организации

Подписали:
Фонд «Свобода слова»
Правозащитный центр «Степь»`,
		title: 'ОТКРЫТОЕ ПИСЬМО',
		addressees: 'Президенту Республики Казахстан\nК.-Ж. К. Токаеву',
		closing: 'С уважением,\nнижеподписавшиеся организации',
		placeAndDate: 'Алматы, 12 марта 2026 г.',
		place: 'Алматы',
		signatureBlock: 'Подписали:\nФонд «Свобода слова»\nПравозащитный центр «Степь»',
		first: 'Уважаемый Касым-Жомарт Кемелевич!',
		keeps: 'Просим Вас обеспечить их немедленное освобождение.'
	},
	{
		name: 'Mongolian: "танаа", НЭЭЛТТЭЙ ЗАХИДАЛ, Mongolian date, "Эрхэм хүндэт …", "Хүндэтгэсэн,"',
		text: `Монгол Улсын Ерөнхий сайд танаа

НЭЭЛТТЭЙ ЗАХИДАЛ

Улаанбаатар хот, 2026 оны 3 дугаар сарын 12

Эрхэм хүндэт Ерөнхий сайд аа,

Бид Говийн малчдын усны эрхийг хамгаалахыг Засгийн газраас уриалж байна.

Уул уурхайн шинэ зөвшөөрлийг түр зогсоохыг хүсье.

Хүндэтгэсэн,

Гарын үсэг зурсан байгууллагууд:
Говийн малчдын холбоо
Хүний эрхийн төв`,
		title: 'НЭЭЛТТЭЙ ЗАХИДАЛ',
		addressees: 'Монгол Улсын Ерөнхий сайд танаа',
		closing: 'Хүндэтгэсэн,',
		placeAndDate: 'Улаанбаатар хот, 2026 оны 3 дугаар сарын 12',
		place: 'Улаанбаатар хот',
		signatureBlock: 'Гарын үсэг зурсан байгууллагууд:\nГовийн малчдын холбоо\nХүний эрхийн төв',
		first: 'Эрхэм хүндэт Ерөнхий сайд аа,',
		keeps: 'Уул уурхайн шинэ зөвшөөрлийг түр зогсоохыг хүсье.'
	},
	{
		name: 'Japanese: date first, 殿, 件名, 拝啓 … 敬具, 賛同団体',
		text: `2026年3月12日

内閣総理大臣 殿

件名：入管収容に関する公開書簡

拝啓

私たち市民団体は、入管施設における長期収容の問題について深く憂慮しています。

収容の上限を法律で定めるよう求めます。

敬具

賛同団体一覧
移住者と連帯する全国ネットワーク
難民支援協会`,
		title: '入管収容に関する公開書簡',
		addressees: '内閣総理大臣 殿',
		closing: '敬具',
		placeAndDate: '2026年3月12日',
		signatureBlock: '賛同団体一覧\n移住者と連帯する全国ネットワーク\n難民支援協会',
		first: '拝啓',
		keeps: '収容の上限を法律で定めるよう求めます。'
	},
	{
		name: 'Persian: جناب, موضوع, Tehran with a Persian date, با سلام و احترام … با احترام',
		text: `جناب آقای دبیرکل سازمان ملل متحد

تهران، ۱۲ اسفند ۱۴۰۴

موضوع: نامه سرگشاده درباره آزادی روزنامه‌نگاران

با سلام و احترام،

ما سازمان‌های جامعه مدنی از شما می‌خواهیم که برای آزادی روزنامه‌نگاران زندانی اقدام کنید.

از توجه شما سپاسگزاریم.

با احترام،

امضاکنندگان:
انجمن دفاع از آزادی مطبوعات
کانون مدافعان حقوق بشر`,
		title: 'نامه سرگشاده درباره آزادی روزنامه‌نگاران',
		addressees: 'جناب آقای دبیرکل سازمان ملل متحد',
		closing: 'با احترام،',
		placeAndDate: 'تهران، ۱۲ اسفند ۱۴۰۴',
		place: 'تهران',
		signatureBlock: 'امضاکنندگان:\nانجمن دفاع از آزادی مطبوعات\nکانون مدافعان حقوق بشر',
		first: 'با سلام و احترام،',
		keeps: 'از توجه شما سپاسگزاریم.'
	},
	{
		name: 'French: an address block starting "Monsieur le", "Objet :", "Paris, le …", the "Veuillez agréer" formula',
		text: `Monsieur le Président de la République
Palais de l'Élysée
55 rue du Faubourg Saint-Honoré
75008 Paris

Paris, le 12 mars 2026

Objet : Lettre ouverte sur la liberté de la presse

Monsieur le Président,

Nous, organisations de la société civile, souhaitons attirer votre attention sur la situation des journalistes.

Nous vous demandons de recevoir une délégation de nos organisations.

Veuillez agréer, Monsieur le Président, l'expression de notre très haute considération.

Reporters solidaires
Ligue des droits humains`,
		title: 'Lettre ouverte sur la liberté de la presse',
		addressees: "Monsieur le Président de la République\nPalais de l'Élysée\n55 rue du Faubourg Saint-Honoré\n75008 Paris",
		closing: "Veuillez agréer, Monsieur le Président, l'expression de notre très haute considération.",
		placeAndDate: 'Paris, le 12 mars 2026',
		place: 'Paris',
		signatureBlock: 'Reporters solidaires\nLigue des droits humains',
		first: 'Monsieur le Président,',
		keeps: 'Nous vous demandons de recevoir une délégation de nos organisations.'
	},
	{
		name: 'German: "An die", "Offener Brief:", "Sehr geehrte …", "Mit freundlichen Grüßen", place and date at the end',
		text: `An die Bundesministerin des Innern
Alt-Moabit 140
10557 Berlin

Offener Brief: Schutz für Menschenrechtsverteidiger*innen

Sehr geehrte Frau Ministerin,

wir wenden uns an Sie als Bündnis zivilgesellschaftlicher Organisationen.

Wir bitten Sie, humanitäre Visa schneller zu erteilen.

Mit freundlichen Grüßen

Berlin, den 12. März 2026

Netzwerk Menschenrechte
Verein für Pressefreiheit`,
		title: 'Offener Brief: Schutz für Menschenrechtsverteidiger*innen',
		addressees: 'An die Bundesministerin des Innern\nAlt-Moabit 140\n10557 Berlin',
		closing: 'Mit freundlichen Grüßen',
		placeAndDate: 'Berlin, den 12. März 2026',
		place: 'Berlin',
		signatureBlock: 'Netzwerk Menschenrechte\nVerein für Pressefreiheit',
		first: 'Sehr geehrte Frau Ministerin,',
		keeps: 'Wir bitten Sie, humanitäre Visa schneller zu erteilen.'
	},
	{
		name: 'Spanish: "Excmo. Sr.", "Madrid, 12 de marzo de 2026", "Asunto:", "Excelentísimo Señor:", "Atentamente,", firmantes',
		text: `Excmo. Sr. Ministro de Asuntos Exteriores
Plaza de la Provincia, 1
28012 Madrid

Madrid, 12 de marzo de 2026

Asunto: Carta abierta sobre la protección de periodistas

Excelentísimo Señor:

Las organizaciones firmantes nos dirigimos a usted para expresar nuestra preocupación por la situación de los periodistas.

Le pedimos que incluya esta cuestión en el diálogo bilateral.

Atentamente,
Las organizaciones firmantes

Organizaciones firmantes:
Periodistas sin Fronteras España
Red de Defensores`,
		title: 'Carta abierta sobre la protección de periodistas',
		addressees: 'Excmo. Sr. Ministro de Asuntos Exteriores\nPlaza de la Provincia, 1\n28012 Madrid',
		closing: 'Atentamente,\nLas organizaciones firmantes',
		placeAndDate: 'Madrid, 12 de marzo de 2026',
		place: 'Madrid',
		signatureBlock: 'Organizaciones firmantes:\nPeriodistas sin Fronteras España\nRed de Defensores',
		first: 'Excelentísimo Señor:',
		keeps: 'Le pedimos que incluya esta cuestión en el diálogo bilateral.'
	},
	{
		name: 'English, as pasted from a Markdown editor: "# " title, numeric date, no signature block',
		text: `# Protect the right to protest

To the Prime Minister
To the Minister of Justice

12.03.2026

Dear Prime Minister, dear Minister,

The proposed law would let the police ban any gathering at a day's notice.

With respect,
The signatories`,
		title: 'Protect the right to protest',
		addressees: 'To the Prime Minister\nTo the Minister of Justice',
		closing: 'With respect,\nThe signatories',
		placeAndDate: '12.03.2026',
		first: 'Dear Prime Minister, dear Minister,',
		keeps: "The proposed law would let the police ban any gathering at a day's notice."
	}
];

describe('splitPastedLetter: letters shaped like coalition letters', () => {
	it.each(CASES)('$name', (c) => {
		const split = splitPastedLetter(c.text);
		expect(split.title).toBe(c.title);
		expect(split.addressees).toBe(c.addressees);
		expect(split.closing).toBe(c.closing);
		expect(split.dropped).toEqual({
			...(c.placeAndDate ? { placeAndDate: c.placeAndDate } : {}),
			...(c.signatureBlock ? { signatureBlock: c.signatureBlock } : {})
		});
		expect(split.place).toBe(c.place);
		expect(split.body.split('\n')[0]).toBe(c.first);
		expect(split.body).toContain(c.keeps);
		// None of the parts is left as a line of the body ("нижеподписавшиеся организации"
		// may well be part of a sentence), and the title and date not even inside one.
		const lines = split.body.split('\n').map((line) => line.trim());
		const parts = [c.title, ...c.addressees.split('\n'), ...c.closing.split('\n'), c.placeAndDate, ...(c.signatureBlock?.split('\n') ?? [])];
		for (const part of parts) if (part) expect(lines, `the body still holds “${part}”`).not.toContain(part);
		expect(split.body).not.toContain(c.title);
		if (c.placeAndDate) expect(split.body).not.toContain(c.placeAndDate);
		expect(split.body).not.toMatch(/\\$/m);
	});
});

describe('splitPastedLetter: what it leaves alone', () => {
	it('a text that is only a body stays whole, with a note that no salutation, title or closing was found', () => {
		const text = 'We, the undersigned organisations, call for the release of all detained journalists.\n\nWe ask for an answer within a month.';
		const split = splitPastedLetter(text);
		expect(split).toMatchObject({ title: '', addressees: '', closing: '', dropped: {} });
		expect(split.body).toBe(text);
		expect(split.notes).toHaveLength(3);
	});

	it('a title and addressees without a salutation: the first paragraph starts the body', () => {
		const split = splitPastedLetter('Open letter on civic freedoms\n\nTo the Secretary-General\n\nWe write as organisations of the diaspora, living in many countries yet bound to one homeland.\n\nRespectfully,\nThe undersigned organisations');
		expect(split).toMatchObject({ title: 'Open letter on civic freedoms', addressees: 'To the Secretary-General', closing: 'Respectfully,\nThe undersigned organisations' });
		expect(split.body).toBe('We write as organisations of the diaspora, living in many countries yet bound to one homeland.');
	});

	it('a closing word inside a sentence is prose, not the closing', () => {
		const split = splitPastedLetter('Dear Minister,\n\nWe thank you for meeting us.\n\nSincerely, we hope you will act this year.');
		expect(split.closing).toBe('');
		expect(split.body).toContain('Sincerely, we hope you will act this year.');
	});

	it('a closing word in the middle of a letter without a closing does not take the paragraphs after it', () => {
		const text = 'Dear Minister,\n\nWe met your staff in May.\n\nThanks,\n\nWe now ask you to publish every mining licence granted since 2020 and to halt new permits.';
		const split = splitPastedLetter(text);
		expect(split.closing).toBe('');
		expect(split.dropped).toEqual({});
		expect(split.body).toContain('We now ask you to publish every mining licence');
	});

	it('a text that is nothing but a closing stays whole in the body, not in two places', () => {
		const split = splitPastedLetter('Yours sincerely,');
		expect(split).toMatchObject({ title: '', addressees: '', closing: '', body: 'Yours sincerely,', dropped: {} });
	});

	it('a title guessed from a line standing alone is reported for checking', () => {
		const split = splitPastedLetter('To the Prime Minister\n\nProtect water rights in the Gobi\n\nDear Prime Minister,\n\nWe write about the Gobi.\n\nYours faithfully,');
		expect(split.title).toBe('Protect water rights in the Gobi');
		expect(split.addressees).toBe('To the Prime Minister');
		expect(split.notes).toEqual(['The title was taken from a line standing alone before the text: check it.']);
	});

	it('"OPEN LETTER" alone over its subject: the title is both, and says so', () => {
		const split = splitPastedLetter('OPEN LETTER\n\nOn water rights in the Gobi\n\nTo the Prime Minister\n\nDear Prime Minister,\n\nWe write about the Gobi.\n\nSincerely,');
		expect(split.title).toBe('OPEN LETTER: On water rights in the Gobi');
		expect(split.addressees).toBe('To the Prime Minister');
		expect(split.notes).toEqual(['The title joins a heading such as “Open letter” and the line after it: check it.']);
	});

	it('"The undersigned organisations" after a blank line still belongs to the closing; "Signatories:" does not', () => {
		const split = splitPastedLetter('Dear Minister,\n\nWe write about the Gobi.\n\nRespectfully,\n\nThe undersigned organisations\n\nSignatories:\nSteppe Watch');
		expect(split.closing).toBe('Respectfully,\nThe undersigned organisations');
		expect(split.dropped).toEqual({ signatureBlock: 'Signatories:\nSteppe Watch' });
		const headingNext = splitPastedLetter('Dear Minister,\n\nWe write about the Gobi.\n\nIn solidarity,\n\nSignatories:\nSteppe Watch');
		expect(headingNext.closing).toBe('In solidarity,');
		expect(headingNext.dropped).toEqual({ signatureBlock: 'Signatories:\nSteppe Watch' });
	});

	it('a long list of addressees is still the head, and "To whom it may concern," a salutation', () => {
		const ministers = Array.from({ length: 12 }, (_, i) => `To the Minister of Foreign Affairs of member state ${i + 1}`);
		const split = splitPastedLetter(`${ministers.join('\n')}\n\nRe: Civic space\n\nTo whom it may concern,\n\nWe write about civic space.\n\nYours faithfully,`);
		expect(split.addressees).toBe(ministers.join('\n'));
		expect(split.title).toBe('Civic space');
		expect(split.body.split('\n')[0]).toBe('To whom it may concern,');
	});

	it('Windows line endings and a byte-order mark split the same way', () => {
		const text = CASES[0]!.text;
		expect(splitPastedLetter(`\uFEFF${text.replace(/\n/g, '\r\n')}`)).toEqual(splitPastedLetter(text));
	});
});
