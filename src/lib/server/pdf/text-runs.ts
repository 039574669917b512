import { faceFor, familyCovers, familyForCodePoint, hanPreferenceOfText, hasRightToLeft, type FaceStyle, type FontFace, type FontFamily, type HanPreference } from './fonts';
import { resolveLevels } from './text-bidi-levels';
import type { EmbeddingLevels } from 'bidi-js';
import type { TextContext, TextSpan, TextStyle } from './text-types';

/*
 * Script runs: every character gets the font family that has it (fonts.ts); white
 * space, punctuation and digits stay with the letters around them, so a Persian
 * phrase is one run and shapes (joins) as one.
 */

/** A paragraph prepared for layout: its text, and per UTF-16 unit its span, face and level. */
export interface Prepared {
	text: string;
	span: Uint16Array;
	faces: FontFace[];
	embedding: EmbeddingLevels | null;
	spans: TextSpan[];
	style: TextStyle;
}

const REGULAR: FaceStyle = { bold: false, italic: false };

// Characters that take the family of the letters around them: white space,
// punctuation, symbols, digits, combining marks and the joiners (ZWNJ matters in Persian).
const NEUTRAL = /[\p{Z}\p{P}\p{S}\p{N}\p{M}\p{Cf}\s]/u;

const neutrals = new Map<number, boolean>();

function neutralCodePoint(codePoint: number): boolean {
	let neutral = neutrals.get(codePoint);
	if (neutral === undefined) {
		neutral = NEUTRAL.test(String.fromCodePoint(codePoint));
		neutrals.set(codePoint, neutral);
	}
	return neutral;
}

export function prepare(ctx: TextContext, spans: TextSpan[], style: TextStyle): Prepared {
	const parts = spans.map((span) => span.text.normalize('NFC'));
	const text = parts.join('');
	const span = new Uint16Array(text.length);
	let offset = 0;
	parts.forEach((part, index) => {
		span.fill(index, offset, offset + part.length);
		offset += part.length;
	});
	const han = hanPreferenceOfText(text, style.han ?? ctx.han);
	const families = assignFamilies(text, han);
	const styles = spans.map((s) => ({ bold: Boolean(style.bold || s.bold), italic: Boolean(style.italic || s.italic) }));
	const faces: FontFace[] = new Array<FontFace>(text.length);
	// Neighbouring characters mostly share a family and a span: look the face up once for each stretch.
	let family: FontFamily | undefined;
	let spanIndex = -1;
	let face: FontFace = 'serif-regular';
	for (let i = 0; i < text.length; i++) {
		const charFamily = families[i] ?? 'serif';
		if (charFamily !== family || span[i] !== spanIndex) {
			family = charFamily;
			spanIndex = span[i] ?? 0;
			face = faceFor(family, styles[spanIndex] ?? REGULAR);
		}
		faces[i] = face;
	}
	const direction = style.direction ?? ctx.direction;
	const embedding = direction === 'rtl' || hasRightToLeft(text) ? resolveLevels(spans, parts, direction) : null;
	return { text, span, faces, embedding, spans, style };
}

/** Per UTF-16 unit, the family that draws it (both units of a surrogate pair get the same). */
export function assignFamilies(text: string, han: HanPreference): (FontFamily | null)[] {
	const families: (FontFamily | null)[] = new Array<FontFamily | null>(text.length).fill(null);
	const neutral = new Uint8Array(text.length);
	for (let i = 0; i < text.length; ) {
		const codePoint = text.codePointAt(i) ?? 0;
		const units = codePoint > 0xffff ? 2 : 1;
		const family = familyForCodePoint(codePoint, han);
		const isNeutral = neutralCodePoint(codePoint) ? 1 : 0;
		for (let k = 0; k < units; k++) {
			families[i + k] = family;
			neutral[i + k] = isNeutral;
		}
		i += units;
	}
	// A neutral between two letters of one family, or after the last letter, joins
	// that family when its font has the character; otherwise it keeps its own.
	let previous: FontFamily | null = null;
	for (let i = 0; i < text.length; ) {
		if (!neutral[i]) {
			previous = families[i] ?? null;
			i += 1;
			continue;
		}
		// A run of neutrals [i, end), and the family of the letter after it.
		let end = i;
		while (end < text.length && neutral[end]) end++;
		const next = end < text.length ? (families[end] ?? null) : null;
		const wanted = previous ?? next;
		if (wanted && (next === null || next === wanted)) {
			for (let k = i; k < end; k++) {
				if (wanted !== families[k] && familyCovers(wanted, text.codePointAt(k) ?? 0)) families[k] = wanted;
			}
		}
		i = end;
	}
	keepEmojiSequences(text, families);
	useNaskhForWholeWords(text, families);
	return families;
}

const EMOJI_JOINER = /^(?:\u200d|\ufe0f|\u20e3|\p{Emoji_Modifier}|[\u{e0020}-\u{e007f}])$/u;
const PICTOGRAPH = /\p{Extended_Pictographic}/u;

/*
 * An emoji sequence (👩‍⚖️, ✊🏽, 🏴 with tags) is one run in the emoji font: its
 * joiners, modifiers and the pictographs after a ZWJ follow the emoji before them.
 */
function keepEmojiSequences(text: string, families: (FontFamily | null)[]): void {
	if (!families.includes('emoji')) return;
	for (let i = 1; i < text.length; i++) {
		if (families[i - 1] !== 'emoji') continue;
		const codePoint = text.codePointAt(i) ?? 0;
		const char = String.fromCodePoint(codePoint);
		const afterJoiner = text[i - 1] === '\u200d' && PICTOGRAPH.test(char);
		if ((EMOJI_JOINER.test(char) || afterJoiner) && familyCovers('emoji', codePoint)) {
			families[i] = 'emoji';
			if (codePoint > 0xffff) families[i + 1] = 'emoji';
		}
	}
}

/*
 * Vazirmatn lacks some letters of Sindhi, Pashto, Uyghur and others; a word with
 * one of them is set whole in Noto Naskh Arabic, so its letters still join.
 */
function useNaskhForWholeWords(text: string, families: (FontFamily | null)[]): void {
	if (!families.includes('naskh')) return;
	for (let start = 0; start < text.length; ) {
		if (families[start] !== 'arabic' && families[start] !== 'naskh') {
			start += 1;
			continue;
		}
		let end = start;
		let naskh = false;
		while (end < text.length && (families[end] === 'arabic' || families[end] === 'naskh') && !/\s/.test(text[end] ?? '')) {
			if (families[end] === 'naskh') naskh = true;
			end += 1;
		}
		if (naskh) {
			for (let i = start; i < end; i++) {
				if (families[i] === 'arabic' && familyCovers('naskh', text.codePointAt(i) ?? 0)) families[i] = 'naskh';
			}
		}
		start = end + 1;
	}
}

export function levelAt(p: Prepared, index: number): number {
	return p.embedding ? (p.embedding.levels[index] ?? 0) : 0;
}

export function hrefAt(p: Prepared, index: number): string | null {
	return p.spans[p.span[index] ?? 0]?.href ?? null;
}
