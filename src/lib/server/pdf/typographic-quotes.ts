import type { TextSpan } from './text-layout';

/*
 * Straight quotes as typed ("…", '…') become the quotation marks of the letter's
 * language when the body is set into the PDF; the stored text is not changed. An
 * apostrophe inside a word (Women's, l'État) is ’ in every language.
 *
 * Sources: the CLDR delimiters (quotationStart/End, alternateQuotationStart/End)
 * for each language. In right-to-left text « and » are mirrored by the bidi
 * algorithm, so Persian «…» is written in logical order like French.
 */

interface Marks {
	open: string;
	close: string;
	innerOpen: string;
	innerClose: string;
}

const ENGLISH: Marks = { open: '“', close: '”', innerOpen: '‘', innerClose: '’' };
const LOW_HIGH: Marks = { open: '„', close: '“', innerOpen: '‚', innerClose: '‘' };
const GUILLEMETS_LOW: Marks = { open: '«', close: '»', innerOpen: '„', innerClose: '“' };
const GUILLEMETS: Marks = { open: '«', close: '»', innerOpen: '“', innerClose: '”' };
const GUILLEMETS_SINGLE: Marks = { open: '«', close: '»', innerOpen: '‹', innerClose: '›' };
const RIGHT_BOTH: Marks = { open: '”', close: '”', innerOpen: '’', innerClose: '’' };
const LOW_RIGHT: Marks = { open: '„', close: '”', innerOpen: '‚', innerClose: '’' };
const CORNER: Marks = { open: '「', close: '」', innerOpen: '『', innerClose: '』' };

const BY_LANGUAGE: Record<string, Marks> = {
	de: LOW_HIGH,
	cs: LOW_HIGH,
	sk: LOW_HIGH,
	sl: LOW_HIGH,
	lt: LOW_HIGH,
	is: LOW_HIGH,
	ka: LOW_HIGH,
	bg: LOW_HIGH,
	et: LOW_HIGH,
	ru: GUILLEMETS_LOW,
	uk: GUILLEMETS_LOW,
	be: GUILLEMETS_LOW,
	mn: GUILLEMETS_LOW,
	kk: GUILLEMETS_LOW,
	fr: GUILLEMETS,
	es: GUILLEMETS,
	it: GUILLEMETS,
	pt: GUILLEMETS,
	ca: GUILLEMETS,
	el: GUILLEMETS,
	hy: GUILLEMETS,
	nb: GUILLEMETS,
	nn: GUILLEMETS,
	no: GUILLEMETS,
	fa: GUILLEMETS_SINGLE,
	prs: GUILLEMETS_SINGLE,
	ps: GUILLEMETS_SINGLE,
	ar: GUILLEMETS,
	ug: GUILLEMETS_SINGLE,
	sv: RIGHT_BOTH,
	fi: RIGHT_BOTH,
	pl: LOW_RIGHT,
	hu: LOW_RIGHT,
	ro: LOW_RIGHT,
	hr: LOW_RIGHT,
	ja: CORNER
};

/** Regions whose usage differs from their language's. */
const BY_TAG: Record<string, Marks> = {
	'pt-br': ENGLISH,
	'zh-hant': CORNER,
	'zh-tw': CORNER,
	'zh-hk': CORNER,
	'fr-ch': GUILLEMETS_SINGLE,
	'de-ch': GUILLEMETS_SINGLE
};

export function quoteMarksFor(language: string): Marks {
	const parts = language.toLowerCase().split(/[-_]/);
	for (let n = parts.length; n > 1; n--) {
		const marks = BY_TAG[parts.slice(0, n).join('-')];
		if (marks) return marks;
	}
	return BY_LANGUAGE[parts[0] ?? ''] ?? ENGLISH;
}

const LETTER_OR_DIGIT = /[\p{L}\p{N}\p{M}]/u;
// After these, a quote opens: start of text, space, an opening bracket or quote, a dash.
const OPENS_AFTER = /[\s([{\u2014\u2013/"'“‘«„‚「『‹-]/u;

/**
 * The text of `spans` with straight quotes made typographic. Quotes are decided
 * over the whole paragraph, so a quotation may start in bold and end in plain
 * text; each span keeps its own text, so styles and links stay where they were.
 */
export function typographicQuotes(spans: TextSpan[], language: string): TextSpan[] {
	const marks = quoteMarksFor(language);
	const text = spans.map((span) => span.text).join('');
	if (!text.includes('"') && !text.includes("'")) return spans;
	const result: string[] = [];
	let singleOpen = false;
	for (let i = 0; i < text.length; i++) {
		const char = text[i] ?? '';
		if (char !== '"' && char !== "'") {
			result.push(char);
			continue;
		}
		const before = i > 0 ? (text[i - 1] ?? '') : '';
		const after = text[i + 1] ?? '';
		const opening = (before === '' || OPENS_AFTER.test(before)) && after !== '' && !/\s/u.test(after);
		// The typist chose the level: double quotes are the language's quotation
		// marks, single quotes its marks for a quotation within a quotation.
		if (char === '"') {
			result.push(opening ? marks.open : marks.close);
		} else if (LETTER_OR_DIGIT.test(before) && (LETTER_OR_DIGIT.test(after) || !singleOpen)) {
			// l'État, Women's, the members': an apostrophe, not a quotation mark.
			result.push('’');
		} else {
			singleOpen = opening;
			result.push(opening ? marks.innerOpen : marks.innerClose);
		}
	}
	const quoted = result.join('');
	// One character for one: span boundaries stay at the same offsets.
	let offset = 0;
	return spans.map((span) => {
		const part = quoted.slice(offset, offset + span.text.length);
		offset += span.text.length;
		return { ...span, text: part };
	});
}
