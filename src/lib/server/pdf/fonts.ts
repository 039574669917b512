import fs from 'node:fs';
import { createRequire } from 'node:module';
import { create, type Font } from 'fontkit';

/*
 * pdfkit has no font fallback, so every run of text is given one of these families
 * by the script it is written in. All are Noto fonts from npm packages that ship
 * TrueType files (WOFF2 packages such as @fontsource cannot be embedded by pdfkit).
 *
 * Arabic script is set in Vazirmatn, a font made for Persian, rather than Noto
 * Naskh/Sans Arabic: the Noto fonts build letters from a shared dotless form plus
 * dots (ccmp), and since a PDF maps each glyph to one Unicode value, pdftotext then
 * reads ز as ر and ب as ن. Vazirmatn has a glyph per letter and form, so the text
 * extracts as written.
 * Traditional Mongolian is not here: fontkit 2.0.4 cannot read the GSUB table of
 * Noto Sans Mongolian ("Not a fixed size"), so the script could not be shaped.
 */
export type FontFamily = 'serif' | 'arabic' | 'japanese' | 'chinese' | 'korean';

/** A family in one weight and slant, e.g. "serif-bold-italic". */
export type FontFace = `${FontFamily}-${'regular' | 'bold'}${'' | '-italic'}`;

export interface FaceStyle {
	bold: boolean;
	italic: boolean;
}

const FILES: Record<FontFamily, { regular: string; bold: string; italic?: string; boldItalic?: string }> = {
	serif: {
		regular: '@expo-google-fonts/noto-serif/400Regular/NotoSerif_400Regular.ttf',
		bold: '@expo-google-fonts/noto-serif/700Bold/NotoSerif_700Bold.ttf',
		italic: '@expo-google-fonts/noto-serif/400Regular_Italic/NotoSerif_400Regular_Italic.ttf',
		boldItalic: '@expo-google-fonts/noto-serif/700Bold_Italic/NotoSerif_700Bold_Italic.ttf'
	},
	arabic: {
		regular: '@expo-google-fonts/vazirmatn/400Regular/Vazirmatn_400Regular.ttf',
		bold: '@expo-google-fonts/vazirmatn/700Bold/Vazirmatn_700Bold.ttf'
	},
	japanese: {
		regular: '@expo-google-fonts/noto-sans-jp/400Regular/NotoSansJP_400Regular.ttf',
		bold: '@expo-google-fonts/noto-sans-jp/700Bold/NotoSansJP_700Bold.ttf'
	},
	chinese: {
		regular: '@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf',
		bold: '@expo-google-fonts/noto-sans-sc/700Bold/NotoSansSC_700Bold.ttf'
	},
	korean: {
		regular: '@expo-google-fonts/noto-sans-kr/400Regular/NotoSansKR_400Regular.ttf',
		bold: '@expo-google-fonts/noto-sans-kr/700Bold/NotoSansKR_700Bold.ttf'
	}
};

/** Families that have an italic; the others stay upright in emphasis. */
const HAS_ITALIC: ReadonlySet<FontFamily> = new Set(['serif']);

/** The order in which families are tried for a character no rule below places. */
const FALLBACK_ORDER: readonly FontFamily[] = ['serif', 'arabic', 'japanese', 'chinese', 'korean'];

const requireFromHere = createRequire(import.meta.url);

/*
 * Parsed fonts live for the life of the process. fontkit parses lazily and keeps
 * what it parsed (cmap, GSUB, GPOS, glyphs) on the font object, so a font read once
 * and handed to every document saves that work on each render; the CJK files are
 * 5 to 10 MB each, so they are only read when a document first needs them. Fonts
 * hold no user data.
 */
const parsed = new Map<FontFace, Font>();

export function faceFor(family: FontFamily, style: FaceStyle): FontFace {
	const italic = style.italic && HAS_ITALIC.has(family) ? '-italic' : '';
	return `${family}-${style.bold ? 'bold' : 'regular'}${italic}` as FontFace;
}

export function familyOf(face: FontFace): FontFamily {
	return face.slice(0, face.indexOf('-')) as FontFamily;
}

function fileFor(face: FontFace): string {
	const files = FILES[familyOf(face)];
	const bold = face.includes('-bold');
	if (face.endsWith('-italic')) return (bold ? files.boldItalic : files.italic) ?? files.regular;
	return bold ? files.bold : files.regular;
}

/** The parsed font for a face, read from its npm package on first use. */
export function loadFont(face: FontFace): Font {
	let font = parsed.get(face);
	if (!font) {
		const file = requireFromHere.resolve(fileFor(face));
		font = create(fs.readFileSync(file)) as Font;
		parsed.set(face, font);
	}
	return font;
}

/*
 * fontkit keeps each glyph object it creates on the font, with the characters it
 * was first created for, and pdfkit writes those characters into the PDF's
 * ToUnicode map. When pdfkit subsets a font at the end of a document, fontkit
 * creates the components of composite glyphs (the A inside Å, a letter inside an
 * Arabic ligature) with no characters; a later document that uses such a glyph
 * on its own would then copy it out as nothing. Each render therefore starts with
 * fresh glyph objects, so its text extracts the same whatever rendered before (IG4).
 * Renders cannot interleave: pdfkit lays out and subsets synchronously.
 */
export function resetGlyphCaches(): void {
	for (const font of parsed.values()) {
		const internals = font as unknown as { _glyphs?: Record<number, unknown> };
		if (internals._glyphs) internals._glyphs = {};
	}
}

function covers(family: FontFamily, codePoint: number): boolean {
	return loadFont(faceFor(family, { bold: false, italic: false })).hasGlyphForCodePoint(codePoint);
}

/** Which CJK font Han characters take when nothing in the text itself decides. */
export type HanPreference = 'japanese' | 'chinese' | 'korean';

/** The letter's language decides how Han characters look (Japanese kanji, Chinese hanzi, Korean hanja). */
export function hanPreferenceFor(language: string): HanPreference | null {
	const primary = language.toLowerCase().split(/[-_]/)[0];
	if (primary === 'ja') return 'japanese';
	if (primary === 'ko') return 'korean';
	if (primary === 'zh') return 'chinese';
	return null;
}

const ARABIC_SCRIPT = /[\u0600-\u06ff\u0750-\u077f\u0870-\u08ff\ufb50-\ufdff\ufe70-\ufeff]/;
const KANA = /[\u3040-\u30ff\u31f0-\u31ff\uff66-\uff9f]/;
const HANGUL = /[\u1100-\u11ff\u3130-\u318f\ua960-\ua97f\uac00-\ud7af\ud7b0-\ud7ff]/;
const CJK = /[\u2e80-\u2fdf\u3000-\u303f\u3190-\u31ef\u3200-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef]|[\u{20000}-\u{3ffff}]/u;

/** The Han preference an organisation's country suggests, if any. */
export function hanPreferenceForCountry(country: string): HanPreference | undefined {
	if (country === 'JP') return 'japanese';
	if (country === 'KR' || country === 'KP') return 'korean';
	if (['CN', 'TW', 'HK', 'MO', 'SG'].includes(country)) return 'chinese';
	return undefined;
}

/**
 * The Han preference of one paragraph: kana make it Japanese and Hangul Korean
 * whatever the letter's language, so a Japanese organisation's name in an English
 * letter still gets Japanese glyph shapes.
 */
export function hanPreferenceOfText(text: string, fallback: HanPreference | null): HanPreference {
	if (KANA.test(text)) return 'japanese';
	if (HANGUL.test(text)) return 'korean';
	return fallback ?? 'chinese';
}

/*
 * Family choice per code point is a property of the fonts alone, so it is kept for
 * the process: looking a character up in a cmap costs far more than a Map hit.
 * At most one entry per distinct code point and preference.
 */
const familyCache = new Map<number, FontFamily | null>();

/**
 * The family that draws a code point, or null when no bundled font has it (it is
 * then drawn as the serif font's missing-glyph box).
 */
export function familyForCodePoint(codePoint: number, han: HanPreference): FontFamily | null {
	// Latin, Greek and Cyrillic (Mongolian Өө Үү included) are all in Noto Serif.
	if (codePoint < 0x0530) return 'serif';
	const key = codePoint * 4 + (han === 'japanese' ? 0 : han === 'chinese' ? 1 : 2);
	const cached = familyCache.get(key);
	if (cached !== undefined) return cached;
	const family = chooseFamily(codePoint, han);
	familyCache.set(key, family);
	return family;
}

function chooseFamily(codePoint: number, han: HanPreference): FontFamily | null {
	const char = String.fromCodePoint(codePoint);
	let preferred: FontFamily[];
	if (ARABIC_SCRIPT.test(char)) preferred = ['arabic'];
	else if (HANGUL.test(char)) preferred = ['korean'];
	else if (KANA.test(char)) preferred = ['japanese'];
	else if (CJK.test(char)) preferred = [han];
	else preferred = [];
	for (const family of [...preferred, ...FALLBACK_ORDER]) {
		if (covers(family, codePoint)) return family;
	}
	return null;
}

/** Families whose runs fontkit must shape as one string (joining scripts, right to left). */
export function isComplexFamily(family: FontFamily): boolean {
	return family === 'arabic';
}

/** True if the text has a character of a right-to-left script (Arabic script, Hebrew, ...). */
export function hasRightToLeft(text: string): boolean {
	return /[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff\u200f\u202b\u202e\u2067]|[\u{10800}-\u{10fff}\u{1e800}-\u{1efff}]/u.test(text);
}
