import { plainTextToMarkdown } from './plain-text-to-markdown';
import { m } from '$lib/paraglide/messages.js';

/*
 * Issue 13, point 3: a whole letter pasted from elsewhere, taken apart into the fields
 * a letter has. The renderer prints the title, the addressees, the closing and a
 * place-and-date line itself, and the signatory list comes from signatures, so none
 * of these may stay in the body or the published PDF shows them twice.
 *
 * A letter is read in three parts:
 * - the head, everything before the salutation ("Dear Minister,", "Sehr geehrte …",
 *   "拝啓"): its lines are the place and date, the title (a line with a label such
 *   as "Re:" or "Open letter", a Markdown heading, an ALL-CAPS line, or else a line
 *   standing alone between blank lines) and the addressees (everything else);
 * - the body, from the salutation, which stays its first line (as the product has
 *   always kept it), to the closing;
 * - the tail: the closing phrase ("Yours sincerely,", "С уважением,", "敬具") goes to
 *   the closing field, with a line after it that only names the signatories as a
 *   group ("The undersigned organisations"); anything after that (names of
 *   organisations, "Signed by:" and a list) is the signature block and is dropped.
 * A letter with no salutation has a head only as long as its blocks are short lines.
 *
 * The rules are phrase lists, not a parser: a letter that does not fit them leaves
 * more in the body, never less, and the person sees what went where before saving.
 * They do not depend on the letter's language (letters mix them: an English letter
 * to a Russian ministry), only on the phrases each line starts with.
 */

export interface SplitLetter {
	title: string;
	addressees: string;
	/** Markdown, by plainTextToMarkdown. */
	body: string;
	closing: string;
	/** What was taken out of the text and put in no field. */
	dropped: { placeAndDate?: string; signatureBlock?: string };
	/** The place from the place-and-date line ("Stockholm"), for the letter's place setting. */
	place?: string;
	/** What the person should check: parts that were not found, guesses. */
	notes: string[];
}

/* Salutations, at the start of a line. Those that also start an address line
 * ("Monsieur le Président de la République") count only when the line ends like a
 * salutation (a comma, colon or exclamation mark). */
const SALUTATION_ALWAYS =
	/^(?:dear|to whom it may concern|hello|greetings|your (?:excellency|excellencies|majesty|holiness)|excellenc(?:y|ies)|sehr geehrte|liebe[rs]?|hej|bästa|kära|ärade|уважаем|глубокоуважаем|многоуважаем|дорог(?:ой|ая|ие)|эрхэм|拝啓|謹啓|前略|chère?s?|madame,? monsieur|estimad[oa]s?|distinguid[oa]s?|querid[oa]s?|با سلام|سلام)/iu;
const SALUTATION_WITH_ENDING =
	/^(?:monsieur|madame|mesdames|messieurs|excelent[ií]sim[oa]s?|se[ñn]or(?:a|es|as)?|herr|frau|mr\.?|ms\.?|mrs\.?|h\.?\s?e\.?|president|minister|hochverehrte|جناب|ریاست محترم)(?=[\s,.:!،]|$)/iu;
const SALUTATION_END = /[,:!،、]$/u;

/* Closing phrases, as a whole line (a short tail such as "yours" or a name of the
 * addressee allowed): "Sincerely, we hope you will act." is prose, not a closing. */
const CLOSING =
	/^(?:(?:yours |very )?(?:sincerely|faithfully|truly|respectfully)(?: yours)?|with (?:respect|regards|best regards|kind regards|gratitude|thanks)|(?:best|kind|warm) regards|regards|in solidarity|thank you|thanks|med vänliga hälsningar|med vänlig hälsning|vänliga hälsningar|högaktningsfullt|i solidaritet|с (?:глубоким )?уважением|с наилучшими пожеланиями|искренне ваш[иа]?|хүндэтгэсэн|хүндэтгэн|敬具|敬白|草々|かしこ|以上|cordialement|bien cordialement|respectueusement|salutations distinguées|mit freundlichen grüßen|mit freundlichem gruß|freundliche grüße|hochachtungsvoll|mit solidarischen grüßen|atentamente|cordialmente|saludos cordiales|un cordial saludo|respetuosamente|با احترام|با تشکر|با سپاس|با احترامات فائقه|ارادتمند)(?=$|[\s,.!،:])/iu;
const CLOSING_MAX = 60;
/* French letters close with a whole sentence ("Veuillez agréer, Monsieur le Ministre,
 * l'expression de notre haute considération."), which is the closing all the same. */
const FRENCH_FORMULA = /^(?:veuillez |nous vous prions d['’]|je vous prie d['’])agréer/iu;

/* A line after the closing phrase that names the signatories as a group belongs to the
 * closing ("Respectfully,\nThe undersigned organisations"); a list of names does not. */
const SIGNATORIES_AS_GROUP =
	/undersigned|signatories|undertecknade|нижеподписавш|подписавш|гарын үсэг зурсан|署名団体|賛同団体|signataires|unterzeichne|firmantes|امضاکنندگان|سازمان‌های امضا/iu;

/* A heading before a list of signatories, with or without a closing before it. */
const SIGNATURE_HEADING =
	/^(?:signed(?: by)?|signatories|signatures|list of signatories|co-?signed by|endorsed by|undertecknat av|undertecknare|подписали|подписанты|список подписавших|гарын үсэг зурсан(?: байгууллагууд)?|署名団体(?:一覧)?|賛同団体(?:一覧)?|signataires|liste des signataires|unterzeichnende(?: organisationen)?|unterzeichnet von|erstunterzeichnende|firmantes|firman|organizaciones firmantes|امضاکنندگان|امضاها)\s*[:：.]?$/iu;

function namesSignatoriesAsGroup(line: string): boolean {
	const text = line.trim();
	return SIGNATORIES_AS_GROUP.test(text) && !SIGNATURE_HEADING.test(text) && !/[:：]$/u.test(text) && lengthOf(text) <= 60;
}

/* A title line by its label. "Re:" and "Subject:" are labels and are taken off; "Open
 * letter: …" is part of the title and stays. */
const TITLE_LABEL = /^(?:re|subject|subj|betreff|objet|ämne|angående|тема|касательно|сэдэв|asunto|件名|題名|موضوع)\s*[:：]\s*/iu;
const TITLE_PHRASE =
	/^(?:(?:an )?open letter|joint (?:open )?letter|joint statement|öppet brev|открытое письмо|нээлттэй захидал|公開書簡|公開質問状|要望書|共同声明|lettre ouverte|offener brief|carta abierta|نامه(?:‌| )?ی? سرگشاده|نامه‌ی سرگشاده|نامه سرگشاده|نامه‌ سرگشاده)/iu;
const BARE_TITLE_PHRASE = new RegExp(`${TITLE_PHRASE.source}\\s*[:.：]?$`, 'iu');
const MARKDOWN_HEADING = /^#{1,6}\s+/;

/* Addressee lines start like this; a single line that does, standing alone, is an
 * addressee rather than the title. */
// (A lookahead, not \b, ends a word: \b only knows ASCII letters, even with the u flag.)
const ADDRESSEE_START =
	/^(?:to|attn|attention|an|à|a la|al|till|к|господину|госпоже|президенту|министру|председателю|جناب|حضور|ریاست|به|h\.?\s?e\.?|his excellency|her excellency)(?=[\s,.:]|$)|(?:殿|様|各位|танаа)$/iu;

/* Dates, in the forms letters write them. Digits include Persian and Arabic ones. */
const D = '[0-9\u0660-\u0669\u06F0-\u06F9]';
const MONTHS = [
	'january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec',
	'januari|februari|mars|april|maj|juni|juli|augusti|september|oktober|november|december',
	'января|февраля|марта|апреля|мая|июня|июля|августа|сентября|октября|ноября|декабря',
	'janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre',
	'januar|februar|märz|april|mai|juni|juli|august|september|oktober|november|dezember',
	'enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|setiembre|octubre|noviembre|diciembre',
	'فروردین|اردیبهشت|خرداد|تیر|مرداد|شهریور|مهر|آبان|آذر|دی|بهمن|اسفند|ژانویه|فوریه|مارس|آوریل|مه|ژوئن|ژوئیه|اوت|سپتامبر|اکتبر|نوامبر|دسامبر'
].join('|');
const DATE = new RegExp(
	[
		`${D}{4}[-./]${D}{1,2}[-./]${D}{1,2}`, // 2026-03-12, ۱۴۰۴/۱۲/۲۱
		`${D}{1,2}[-./]${D}{1,2}[-./]${D}{2,4}`, // 12.03.2026, 12/03/2026
		`${D}{4}\\s*年\\s*${D}{1,2}\\s*月\\s*${D}{1,2}\\s*日`, // 2026年3月12日
		`(?:令和|平成)\\s*${D}{1,2}\\s*年\\s*${D}{1,2}\\s*月\\s*${D}{1,2}\\s*日`,
		`${D}{4}\\s*оны\\s*${D}{1,2}(?:\\s*дүгээр|\\s*дугаар|-р|-ийн)?\\s*сарын\\s*${D}{1,2}`, // 2026 оны 3 дугаар сарын 12
		`${D}{1,2}(?:\\.|er|º)?\\s+(?:de\\s+)?(?:${MONTHS})(?:\\s+de)?,?\\s+${D}{4}`, // 12 March 2026, 12 de marzo de 2026
		`(?:${MONTHS})\\s+${D}{1,2}(?:st|nd|rd|th)?,?\\s+${D}{4}` // March 12, 2026
	].join('|'),
	'iu'
);
/* What may stand beside the date on its line: a place, "den", "le", "Date:". */
const DATE_LINE_REST = 40;

const lengthOf = (text: string) => [...text].length;
const wordCount = (text: string) => text.split(/\s+/).filter(Boolean).length;
const isAllCaps = (text: string) => !/\p{Ll}/u.test(text) && (text.match(/\p{Lu}/gu) ?? []).length >= 4;

/** Text as lines: one kind of newline, no trailing backslash or double space (hard-break artefacts of Markdown). */
function toLines(text: string): string[] {
	return text
		.normalize('NFC')
		.replace(/^\uFEFF/, '')
		.replace(/\r\n?|[\v\f\u0085\u2028]/g, '\n')
		.replace(/\u2029/g, '\n\n')
		.split('\n')
		.map((line) => line.replace(/(?:\\|\s)+$/u, ''));
}

const isBlank = (line: string | undefined) => line === undefined || line.trim() === '';

/** A line that is a place and a date and little else: "Stockholm, 12 March 2026", "Berlin, den 12. März 2026". */
function placeAndDate(line: string): { place?: string } | null {
	const text = line.trim();
	const match = DATE.exec(text);
	if (!match || lengthOf(text) > 80) return null;
	const before = text.slice(0, match.index);
	const rest = (before + text.slice(match.index + match[0].length)).replace(/[\s,.،:г]+/gu, ' ').trim();
	if (lengthOf(rest) > DATE_LINE_REST || wordCount(rest) > 5) return null;
	// The place is what stands before the date, less "den", "le", "el", "the" and a
	// label ("Date:", which names no place).
	const place = before
		.replace(/(?:,|،)?\s*(?:den|le|el|the|am|on)?\s*$/iu, '')
		.replace(/[,،\s]+$/u, '')
		.trim();
	if (!place || /[:：\p{N}]/u.test(place) || wordCount(place) > 3) return {};
	return { place };
}

function isSalutation(line: string): boolean {
	const text = line.trim();
	if (SALUTATION_ALWAYS.test(text)) return lengthOf(text) <= 120 || /^(?:拝啓|謹啓|前略)/u.test(text);
	return SALUTATION_WITH_ENDING.test(text) && SALUTATION_END.test(text) && lengthOf(text) <= 80;
}

function isClosing(line: string): boolean {
	const text = line.trim();
	if (FRENCH_FORMULA.test(text)) return lengthOf(text) <= 300;
	const match = CLOSING.exec(text);
	if (!match || lengthOf(text) > CLOSING_MAX) return false;
	// "Thank you for your attention." and "Sincerely, we hope …" are prose.
	const tail = text.slice(match[0].length).trim();
	return tail === '' || /^[,،:!.]?\s*[^.!?]{0,30}$/u.test(tail);
}

/** Whether a block of lines (between blank lines) reads like prose, so the head has ended. */
function isProse(block: string[]): boolean {
	return block.some((line) => lengthOf(line.trim()) > 90 || /^\s*(?:[0-9]{1,3}[.)]|[-*•])\s/u.test(line)) || block.length > 30;
}

/** Blank-line separated blocks of line numbers. */
function blocksOf(lines: string[], from: number, to: number): number[][] {
	const blocks: number[][] = [];
	let current: number[] = [];
	for (let i = from; i < to; i++) {
		if (isBlank(lines[i])) {
			if (current.length > 0) blocks.push(current);
			current = [];
		} else current.push(i);
	}
	if (current.length > 0) blocks.push(current);
	return blocks;
}

/** Where the body starts: the salutation, or after a head of short blocks when there is none. */
function findBodyStart(lines: string[], end: number): { start: number; salutation: boolean } {
	const blocks = blocksOf(lines, 0, end);
	for (const block of blocks.slice(0, 12)) {
		for (const i of block) if (isSalutation(lines[i]!)) return { start: i, salutation: true };
		if (isProse(block.map((i) => lines[i]!))) break;
	}
	// No salutation: the head is only what is clearly not the text itself (a title
	// with a label, a date line, addressee lines), so a letter starting straight
	// with its first paragraph keeps it.
	let start = blocks[0]?.[0] ?? 0;
	for (const [n, block] of blocks.entries()) {
		const text = block.map((i) => lines[i]!.trim());
		const clear = text.every((line) => placeAndDate(line) || TITLE_LABEL.test(line) || TITLE_PHRASE.test(line) || MARKDOWN_HEADING.test(line) || isAllCaps(line) || ADDRESSEE_START.test(line));
		if (!clear || n === blocks.length - 1) break;
		start = blocks[n + 1]![0]!;
	}
	return { start, salutation: false };
}

/**
 * Whether what follows a closing-like line can be a signature block: names, not
 * sentences. Everything after the closing is dropped, so a "Thanks," in the middle
 * of a letter without a closing must not take the paragraphs after it along.
 */
function isSignatureBlock(lines: string[]): boolean {
	return lines.every((line) => {
		const text = line.trim();
		return lengthOf(text) <= 120 && !(lengthOf(text) > 50 && /[.!?。]$/u.test(text));
	});
}

/** The closing line and where the signature block starts, looked for from the end. */
function findTail(lines: string[], from: number): { closing: number | null; signature: number | null } {
	let signature: number | null = null;
	for (let i = lines.length - 1; i > from; i--) {
		const line = lines[i]!.trim();
		if (SIGNATURE_HEADING.test(line)) signature = i;
		if (isClosing(line)) return isSignatureBlock(lines.slice(i + 1)) ? { closing: i, signature } : { closing: null, signature };
	}
	return { closing: null, signature };
}

/** The head's lines sorted into place-and-date, title and addressees. */
function readHead(lines: string[], end: number) {
	let date: string | undefined;
	let place: string | undefined;
	let title: string | undefined;
	let titleGuessed = false;
	let titleJoined = false;
	/** Where the line after a title standing alone in its block would be in `groups`. */
	let afterTitle: number | null = null;
	const groups: string[][] = [];
	for (const block of blocksOf(lines, 0, end)) {
		const group: string[] = [];
		for (const i of block) {
			const line = lines[i]!.trim();
			const found = placeAndDate(line);
			if (found && date === undefined) {
				date = line;
				place = found.place;
			} else if (title === undefined && (TITLE_LABEL.test(line) || TITLE_PHRASE.test(line) || MARKDOWN_HEADING.test(line) || isAllCaps(line))) {
				title = line.replace(TITLE_LABEL, '').replace(MARKDOWN_HEADING, '').replace(/\s+#+$/, '').trim();
				if (block.length === 1) afterTitle = groups.length;
			} else group.push(line);
		}
		if (group.length > 0) groups.push(group);
	}
	// "OPEN LETTER" alone, then the subject on the next line standing alone: the title
	// is both ("OPEN LETTER: On water rights in the Gobi"), not the label alone with the
	// subject taken for an addressee.
	const subject = afterTitle === null ? undefined : groups[afterTitle];
	if (title !== undefined && BARE_TITLE_PHRASE.test(title) && subject?.length === 1 && !ADDRESSEE_START.test(subject[0]!)) {
		title = `${title.replace(/\s*[:.：]$/u, '')}: ${subject[0]}`;
		titleJoined = true;
		groups.splice(afterTitle!, 1);
	}
	// With no marked title, a single line standing alone is the title ("a short line
	// followed by a blank line"), the last one before the salutation, unless it reads
	// as an addressee ("To the Prime Minister").
	if (title === undefined) {
		const candidates = groups.filter((group) => group.length === 1 && !ADDRESSEE_START.test(group[0]!) && lengthOf(group[0]!) <= 200);
		const chosen = candidates[candidates.length - 1];
		if (chosen && (groups.length > 1 || !/[.!?]$/.test(chosen[0]!))) {
			title = chosen[0]!;
			titleGuessed = true;
			groups.splice(groups.indexOf(chosen), 1);
		}
	}
	return { date, place, title, titleGuessed, titleJoined, addressees: groups.map((group) => group.join('\n')).join('\n') };
}

const joinLines = (lines: string[]) => lines.join('\n').replace(/^\n+|\n+$/g, '');

export function splitPastedLetter(text: string): SplitLetter {
	const lines = toLines(text);
	const notes: string[] = [];
	const { start, salutation } = findBodyStart(lines, lines.length);
	if (!salutation) notes.push(m.letter_paste_note_no_salutation());
	const head = readHead(lines, start);

	const tail = findTail(lines, start);
	const bodyEnd = tail.closing ?? tail.signature ?? lines.length;
	let closing = '';
	let signatureFrom = tail.signature;
	if (tail.closing !== null) {
		// The closing phrase, and a following line only when it names the signatories as a group.
		// (A blank line between the two is only spacing; a heading over a list of names,
		// "Signatories:", is not the group.)
		const closingLines = [lines[tail.closing]!.trim()];
		let i = tail.closing + 1;
		const group = isBlank(lines[i]) ? i + 1 : i;
		if (namesSignatoriesAsGroup(lines[group] ?? '')) {
			for (i = group; i < lines.length && namesSignatoriesAsGroup(lines[i]!); i++) closingLines.push(lines[i]!.trim());
		}
		closing = closingLines.join('\n');
		signatureFrom = i;
	} else notes.push(m.letter_paste_note_no_closing());

	// A place-and-date line at the end of the text or after the closing (German and
	// Russian letters often put it there) is dropped like one in the head.
	let date = head.date;
	let place = head.place;
	const bodyLines = lines.slice(start, bodyEnd);
	const after = signatureFrom === null ? [] : lines.slice(signatureFrom);
	const candidates: [string[], number][] = [
		[bodyLines, bodyLines.findLastIndex((line) => !isBlank(line))],
		[after, after.findIndex((line) => !isBlank(line))]
	];
	for (const [part, index] of candidates) {
		const found = date === undefined && index >= 0 ? placeAndDate(part[index]!) : null;
		if (!found) continue;
		date = part[index]!.trim();
		place = found.place;
		part.splice(index, 1);
	}
	const signatureBlock = joinLines(after.map((line) => line.trim()));

	const dropped: SplitLetter['dropped'] = {};
	if (date !== undefined) dropped.placeAndDate = date;
	if (signatureBlock) dropped.signatureBlock = signatureBlock;
	if (head.title === undefined) notes.push(m.letter_paste_note_no_title());
	else if (head.titleGuessed) notes.push(m.letter_paste_note_title_guessed());
	else if (head.titleJoined) notes.push(m.letter_paste_note_title_joined());

	const body = plainTextToMarkdown(joinLines(bodyLines));
	if (!body) {
		// Nothing left between the parts: better the whole text in the body, once, than none.
		return { title: '', addressees: '', body: plainTextToMarkdown(text), closing: '', dropped: {}, notes: [m.letter_paste_note_not_split()] };
	}
	return { title: head.title ?? '', addressees: head.addressees, body, closing, dropped, ...(place ? { place } : {}), notes };
}
