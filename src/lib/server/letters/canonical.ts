import canonicalize from 'canonicalize';
import { hashSecret } from '../crypto';

/** The parts of a letter that are written, per language. */
export interface LetterText {
	title: string;
	addressees: string;
	body: string;
	closing: string;
}

/**
 * The canonical form a revision's hash is taken over: RFC 8785 JSON of the language
 * and the four parts, each NFC with \n line breaks. Settings (place, date, ...) are
 * not part of it: they are not what signatories agree to word for word.
 */
export function canonicalLetterText(language: string, text: LetterText): string {
	const clean = (value: string) => value.normalize('NFC').replace(/\r\n?/g, '\n');
	const json = canonicalize({
		language,
		title: clean(text.title),
		addressees: clean(text.addressees),
		body: clean(text.body),
		closing: clean(text.closing)
	});
	if (json === undefined) throw new Error('letter text cannot be canonicalised');
	return json;
}

export function letterContentHash(language: string, text: LetterText): string {
	return hashSecret(canonicalLetterText(language, text));
}
