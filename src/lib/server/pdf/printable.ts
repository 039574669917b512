import { AppError } from '../errors';
import { familyForCodePoint } from './fonts';
import type { LetterPdfInput } from './types';

/*
 * Never a missing glyph in a published letter (issue 12): whether every character
 * of a text has a glyph in one of the letter fonts (fonts.ts). Names are checked
 * when they are entered, and every language's PDF input before it is published.
 */

/** Characters that draw nothing and need no glyph: joiners, bidi and variation controls, line ends. */
const INVISIBLE = /[\p{Default_Ignorable_Code_Point}\n\r\t]/u;

export interface MissingGlyph {
	char: string;
	codePoint: number;
}

/** The distinct characters of the text (after NFC) that no letter font can draw, in order. */
export function missingGlyphs(text: string): MissingGlyph[] {
	const missing: MissingGlyph[] = [];
	const seen = new Set<number>();
	for (const char of text.normalize('NFC')) {
		const codePoint = char.codePointAt(0) ?? 0;
		if (seen.has(codePoint) || INVISIBLE.test(char)) continue;
		seen.add(codePoint);
		if (familyForCodePoint(codePoint, 'chinese') === null) missing.push({ char, codePoint });
	}
	return missing;
}

/** “ᠮ” (U+182E): the character and its code point, as messages name it. */
export function describeCharacter(missing: MissingGlyph): string {
	const code = missing.codePoint.toString(16).toUpperCase().padStart(4, '0');
	const visible = /[\p{L}\p{M}\p{N}\p{P}\p{S}]/u.test(missing.char) ? `“${missing.char}” ` : '';
	return `${visible}(U+${code})`;
}

/** The message for a text with a character no font has, or null when all can be printed. */
export function unprintableMessage(text: string | null | undefined): string | null {
	const [first] = missingGlyphs(text ?? '');
	return first ? `${describeCharacter(first)} cannot be printed in the letter.` : null;
}

/**
 * Refuses a name, title or other text that would print as an empty box, naming the
 * character: AppError('invalid', "“ᠮ” (U+182E) cannot be printed in the letter.").
 */
export function assertPrintable(...texts: (string | null | undefined)[]): void {
	for (const text of texts) {
		const message = unprintableMessage(text);
		if (message) throw new AppError('invalid', message);
	}
}

/** Every text a letter's PDF prints from its input, each with the entry it belongs to. */
function letterEntries(input: LetterPdfInput): [string, string | null][] {
	const entries: [string, string | null][] = [
		['the title', input.title],
		['the addressees', input.addressees],
		['the body', input.bodyMarkdown],
		['the closing', input.closing],
		['the place', input.place],
		["the coalition's name", input.coalitionName]
	];
	for (const signatory of input.signatories) {
		const who = `the signatory “${signatory.organisationName}”`;
		entries.push([who, signatory.organisationName], [`${who} (signer's name)`, signatory.signerName], [`${who} (signer's title)`, signatory.signerTitle]);
	}
	for (const row of input.signatureRecord ?? []) entries.push([`the signature record of “${row.organisationName}”`, row.signer]);
	return entries;
}

/** The first entry of a letter's PDF that has a character no font can draw, as a message; null if none. */
export function findUnprintable(input: LetterPdfInput): string | null {
	for (const [entry, text] of letterEntries(input)) {
		const [first] = missingGlyphs(text ?? '');
		if (first) return `The ${input.language} letter cannot be published: in ${entry}, ${describeCharacter(first)} cannot be printed.`;
	}
	return null;
}

/** Refuses to publish a letter whose PDF would have a missing glyph, naming the entry. */
export function assertLetterPrintable(input: LetterPdfInput): void {
	const message = findUnprintable(input);
	if (message) throw new AppError('invalid', message);
}
