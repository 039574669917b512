/*
 * IN2, issue 12: invisible and blank characters are refused, because a name that
 * holds one reads exactly like a name that does not (a soft hyphen, an invisible
 * operator, a tag character, a Hangul filler, a braille blank). A few of them are
 * spelling in the scripts that use them, and stay allowed where they do that work:
 *
 * - ZWNJ (U+200C) and ZWJ (U+200D) between two letters or marks of one script that
 *   shapes with them: Arabic script (Persian می‌خواهم), Syriac, N'Ko, the Indic
 *   scripts and Sinhala (ශ්‍රී), Mongolian;
 * - ZWJ inside an emoji sequence (👩‍👩‍👧, 🏳️‍🌈, 👩🏽‍💻);
 * - the Mongolian vowel separator (U+180E) between two Mongolian letters, and the
 *   free variation selectors FVS1–4 (U+180B–U+180D, U+180F) after a Mongolian letter;
 * - variation selectors VS1–16 right after a visible character (❤️ is U+2764 U+FE0F),
 *   and VS17–256 after a Han ideograph (ideographic variation sequences).
 *
 * Everything else that is Default_Ignorable or a format character (Cf) is refused,
 * wherever it stands, as are U+2800 BRAILLE PATTERN BLANK, which is neither but shows
 * as nothing. Bidirectional controls and control characters are reported by text.ts
 * with their own messages, before this runs.
 *
 * Each check looks at one character and its two neighbours, so the cost is linear
 * in the length of the text.
 */

// One character class, so it cannot backtrack; it only decides whether the slower
// per-character walk is needed.
const SUSPECT = /[\p{Default_Ignorable_Code_Point}\p{Cf}\u2800]/u;
const REFUSED = /^[\p{Default_Ignorable_Code_Point}\p{Cf}\u2800]$/u;

const ZWNJ = 0x200c;
const ZWJ = 0x200d;
const MVS = 0x180e;

const LETTER_OR_MARK = /^[\p{L}\p{M}]$/u;
const MONGOLIAN_LETTER = /^\p{Script_Extensions=Mongolian}$/u;
const EMOJI = /^\p{Extended_Pictographic}$/u;
const EMOJI_MODIFIER = /^\p{Emoji_Modifier}$/u;
const HAN = /^\p{Script_Extensions=Han}$/u;
const VISIBLE = /^[^\s\p{C}\p{Default_Ignorable_Code_Point}\u2800]$/u;

/** Scripts whose spelling uses the joiners inside words. */
const INDIC = ['Devanagari', 'Bengali', 'Gurmukhi', 'Gujarati', 'Oriya', 'Tamil', 'Telugu', 'Kannada', 'Malayalam', 'Sinhala'];
const byScript = (script: string) => new RegExp(`^\\p{Script_Extensions=${script}}$`, 'u');
const INDIC_SCRIPTS = INDIC.map(byScript);
const JOINING_SCRIPTS = ['Arabic', 'Syriac', 'Nko', 'Mongolian', ...INDIC].map(byScript);

const isMongolianLetter = (c: string | undefined) => c !== undefined && MONGOLIAN_LETTER.test(c) && /^\p{L}$/u.test(c);

/** Both neighbours are letters or marks of one script that shapes with joiners. */
function joinsWithinScript(before: string | undefined, after: string | undefined): boolean {
	if (before === undefined || after === undefined) return false;
	if (!LETTER_OR_MARK.test(before) || !LETTER_OR_MARK.test(after)) return false;
	return JOINING_SCRIPTS.some((script) => script.test(before) && script.test(after));
}

/*
 * A joiner after a virama at the end of a word: Malayalam written before Unicode 5.1
 * spells its chillu letters so (അവന്‍), and a half form can end a syllable.
 */
function endsIndicSyllable(before: string | undefined, after: string | undefined): boolean {
	if (before === undefined || !/^\p{M}$/u.test(before)) return false;
	if (after !== undefined && /^[\p{L}\p{M}]$/u.test(after)) return false;
	return INDIC_SCRIPTS.some((script) => script.test(before));
}

/** ZWJ between two parts of an emoji sequence. */
function joinsEmoji(before: string | undefined, after: string | undefined): boolean {
	if (before === undefined || after === undefined || !EMOJI.test(after)) return false;
	return EMOJI.test(before) || EMOJI_MODIFIER.test(before) || before === '\uFE0F';
}

function allowedInContext(codePoint: number, before: string | undefined, after: string | undefined): boolean {
	if (codePoint === ZWNJ) return joinsWithinScript(before, after) || endsIndicSyllable(before, after);
	if (codePoint === ZWJ) return joinsWithinScript(before, after) || endsIndicSyllable(before, after) || joinsEmoji(before, after);
	if (codePoint === MVS) return isMongolianLetter(before) && isMongolianLetter(after);
	if ((codePoint >= 0x180b && codePoint <= 0x180d) || codePoint === 0x180f) return isMongolianLetter(before);
	if (codePoint >= 0xfe00 && codePoint <= 0xfe0f) return before !== undefined && VISIBLE.test(before);
	if (codePoint >= 0xe0100 && codePoint <= 0xe01ef) return before !== undefined && HAN.test(before);
	return false;
}

export interface InvisibleCharacter {
	/** "U+00AD" */
	codePoint: string;
	/** Position in code points, counted from 0. */
	position: number;
}

/** The first invisible or blank character that does no work in its script, if any. */
export function findInvisibleCharacter(value: string): InvisibleCharacter | undefined {
	if (!SUSPECT.test(value)) return undefined;
	const chars = Array.from(value);
	for (let i = 0; i < chars.length; i++) {
		const char = chars[i]!;
		if (!REFUSED.test(char)) continue;
		const codePoint = char.codePointAt(0)!;
		if (allowedInContext(codePoint, chars[i - 1], chars[i + 1])) continue;
		return { codePoint: `U+${codePoint.toString(16).toUpperCase().padStart(4, '0')}`, position: i };
	}
	return undefined;
}
