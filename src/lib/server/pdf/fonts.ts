import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { create, type Font } from 'fontkit';

/*
 * pdfkit has no font fallback, so every run of text is given one of these families
 * by the script it is written in. All are TrueType files: Noto fonts from npm
 * packages, or committed beside this module (fonts/, SIL Open Font License, see
 * fonts/OFL.txt) where no npm package ships a TrueType file. WOFF2 packages such as
 * @fontsource cannot be embedded by pdfkit.
 *
 * Arabic script is set in Vazirmatn, a font made for Persian, rather than Noto
 * Naskh/Sans Arabic: the Noto fonts build letters from a shared dotless form plus
 * dots (ccmp), so a PDF that maps each glyph to one Unicode value reads ز as ر.
 * Vazirmatn has a glyph per letter and form. A word with a letter Vazirmatn lacks
 * (Sindhi ڄ ٻ ٽ, …) is set whole in Noto Naskh Arabic instead; its text layer is
 * kept by HarfBuzz's clusters (shaping.ts).
 *
 * fontkit shapes Latin, Greek, Cyrillic, Han, kana and Hangul, where its output is
 * HarfBuzz's (tests/integration/pdf-scripts.test.ts); every other family, Arabic
 * included, is shaped by HarfBuzz (shaping.ts), whose glyph runs pdfkit
 * then draws.
 */
export type FontFamily =
	| 'serif'
	| 'arabic'
	| 'naskh'
	| 'armenian'
	| 'georgian'
	| 'hebrew'
	| 'syriac'
	| 'thaana'
	| 'ethiopic'
	| 'devanagari'
	| 'bengali'
	| 'gurmukhi'
	| 'gujarati'
	| 'tamil'
	| 'telugu'
	| 'kannada'
	| 'malayalam'
	| 'sinhala'
	| 'thai'
	| 'lao'
	| 'myanmar'
	| 'khmer'
	| 'tibetan'
	| 'mongolian'
	| 'japanese'
	| 'chinese'
	| 'traditional'
	| 'korean'
	| 'emoji';

/** A family in one weight and slant, e.g. "serif-bold-italic". */
export type FontFace = `${FontFamily}-${'regular' | 'bold'}${'' | '-italic'}`;

export interface FaceStyle {
	bold: boolean;
	italic: boolean;
}

interface FontFiles {
	regular: string;
	bold?: string;
	italic?: string;
	boldItalic?: string;
}

/** A committed font (fonts/), regular and bold. */
function committed(name: string, bold = true): FontFiles {
	return { regular: `./fonts/${name}-Regular.ttf`, bold: bold ? `./fonts/${name}-Bold.ttf` : undefined };
}

const FILES: Record<FontFamily, FontFiles> = {
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
	naskh: committed('NotoNaskhArabic'),
	armenian: committed('NotoSerifArmenian'),
	georgian: committed('NotoSerifGeorgian'),
	hebrew: committed('NotoSerifHebrew'),
	syriac: committed('NotoSansSyriac', false),
	thaana: committed('NotoSansThaana'),
	ethiopic: committed('NotoSerifEthiopic'),
	devanagari: committed('NotoSerifDevanagari'),
	bengali: committed('NotoSerifBengali'),
	gurmukhi: committed('NotoSerifGurmukhi'),
	gujarati: committed('NotoSerifGujarati'),
	tamil: committed('NotoSerifTamil'),
	telugu: committed('NotoSerifTelugu'),
	kannada: committed('NotoSerifKannada'),
	malayalam: committed('NotoSerifMalayalam'),
	sinhala: committed('NotoSerifSinhala'),
	thai: committed('NotoSerifThai'),
	lao: committed('NotoSerifLao'),
	myanmar: committed('NotoSerifMyanmar'),
	khmer: committed('NotoSerifKhmer'),
	tibetan: committed('NotoSerifTibetan'),
	mongolian: committed('NotoSansMongolian', false),
	japanese: {
		regular: '@expo-google-fonts/noto-sans-jp/400Regular/NotoSansJP_400Regular.ttf',
		bold: '@expo-google-fonts/noto-sans-jp/700Bold/NotoSansJP_700Bold.ttf'
	},
	chinese: {
		regular: '@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf',
		bold: '@expo-google-fonts/noto-sans-sc/700Bold/NotoSansSC_700Bold.ttf'
	},
	traditional: {
		regular: '@expo-google-fonts/noto-sans-tc/400Regular/NotoSansTC_400Regular.ttf',
		bold: '@expo-google-fonts/noto-sans-tc/700Bold/NotoSansTC_700Bold.ttf'
	},
	korean: {
		regular: '@expo-google-fonts/noto-sans-kr/400Regular/NotoSansKR_400Regular.ttf',
		bold: '@expo-google-fonts/noto-sans-kr/700Bold/NotoSansKR_700Bold.ttf'
	},
	// Monochrome outlines: colour emoji fonts (CBDT/COLR) do not embed in a PDF as text.
	emoji: {
		regular: '@expo-google-fonts/noto-emoji/400Regular/NotoEmoji_400Regular.ttf',
		bold: '@expo-google-fonts/noto-emoji/700Bold/NotoEmoji_700Bold.ttf'
	}
};

/** Families that have an italic; the others stay upright in emphasis. */
const HAS_ITALIC: ReadonlySet<FontFamily> = new Set(['serif']);

/** Families fontkit shapes (through pdfkit); HarfBuzz shapes all others. */
const FONTKIT_FAMILIES: ReadonlySet<FontFamily> = new Set(['serif', 'japanese', 'chinese', 'traditional', 'korean']);

/** The order in which families are tried for a character no rule below places. */
const FALLBACK_ORDER: readonly FontFamily[] = ['serif', 'arabic', 'naskh', 'japanese', 'chinese', 'korean', 'emoji'];

const requireFromHere = createRequire(import.meta.url);

/*
 * The committed fonts sit beside this module in the source tree; a production
 * build (build/) is started from the project directory, where src/ is too.
 */
const COMMITTED_DIRECTORIES = [path.dirname(fileURLToPath(import.meta.url)), path.resolve('src/lib/server/pdf')];

/*
 * Parsed fonts live for the life of the process. fontkit parses lazily and keeps
 * what it parsed (cmap, GSUB, GPOS, glyphs) on the font object, so a font read once
 * and handed to every document saves that work on each render; the CJK files are
 * 5 to 10 MB each, so they are only read when a document first needs them. Fonts
 * hold no user data.
 */
const parsed = new Map<FontFace, Font>();
const bytes = new Map<FontFace, Buffer>();

/** Per family, its four faces by style (regular, bold, italic, bold italic): asked for per character. */
const facesByStyle = new Map<FontFamily, FontFace[]>();
const familiesOfFaces = new Map<FontFace, FontFamily>();

export function faceFor(family: FontFamily, style: FaceStyle): FontFace {
	let faces = facesByStyle.get(family);
	if (!faces) {
		faces = [false, true].flatMap((italicStyle) =>
			[false, true].map((boldStyle) => {
				const italic = italicStyle && HAS_ITALIC.has(family) ? '-italic' : '';
				const bold = boldStyle && FILES[family].bold !== undefined;
				const face = `${family}-${bold ? 'bold' : 'regular'}${italic}` as FontFace;
				familiesOfFaces.set(face, family);
				return face;
			})
		);
		facesByStyle.set(family, faces);
	}
	return faces[(style.italic ? 2 : 0) + (style.bold ? 1 : 0)]!;
}

export function familyOf(face: FontFace): FontFamily {
	return familiesOfFaces.get(face) ?? (face.slice(0, face.indexOf('-')) as FontFamily);
}

function fileFor(face: FontFace): string {
	const files = FILES[familyOf(face)];
	const bold = face.includes('-bold');
	if (face.endsWith('-italic')) return (bold ? files.boldItalic : files.italic) ?? files.regular;
	return (bold ? files.bold : files.regular) ?? files.regular;
}

function resolveFile(file: string): string {
	if (!file.startsWith('./')) return requireFromHere.resolve(file);
	for (const directory of COMMITTED_DIRECTORIES) {
		const candidate = path.join(directory, file);
		if (fs.existsSync(candidate)) return candidate;
	}
	throw new Error(`Font file ${file} not found`);
}

/** The font file's bytes, read once (HarfBuzz shapes from them). */
export function fontBytes(face: FontFace): Buffer {
	let data = bytes.get(face);
	if (!data) {
		data = fs.readFileSync(resolveFile(fileFor(face)));
		bytes.set(face, data);
	}
	return data;
}

/** The parsed font for a face, read on first use. */
export function loadFont(face: FontFace): Font {
	let font = parsed.get(face);
	if (!font) {
		font = create(fontBytes(face)) as Font;
		keepRequestedCharacters(font);
		parsed.set(face, font);
	}
	return font;
}

type GlyphLookup = (id: number, characters?: number[]) => { codePoints: number[] } | null;

/*
 * fontkit caches one glyph object per id with the characters it was first asked
 * for, and pdfkit writes a glyph's characters into the ToUnicode map. A glyph first
 * made without characters (a composite's component while subsetting, a glyph drawn
 * from HarfBuzz's ids) or for another character (one outline for Latin M and
 * Cyrillic М) would then copy out wrong in every later document. So a lookup that
 * names its characters always gets them: a view of the cached glyph that shares its
 * outline and metrics but carries the characters asked for. This holds whatever the
 * process rendered before, and whatever renders interleave.
 */
function keepRequestedCharacters(font: Font): void {
	const internals = font as unknown as { getGlyph: GlyphLookup };
	const cached = internals.getGlyph.bind(font);
	internals.getGlyph = (id, characters = []) => {
		const glyph = cached(id, characters);
		if (!glyph || characters.length === 0 || sameCodePoints(glyph.codePoints, characters)) return glyph;
		return Object.create(glyph, { codePoints: { value: characters, enumerable: true, writable: true } }) as typeof glyph;
	};
}

function sameCodePoints(a: readonly number[], b: readonly number[]): boolean {
	return a.length === b.length && a.every((value, index) => value === b[index]);
}

/** The faces parsed so far in this process (for tests of lazy loading). */
export function loadedFaces(): FontFace[] {
	return [...parsed.keys()];
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

/** Per family, which code points its regular face has (kept for the process, like familyCache). */
const coverage = new Map<FontFamily, Map<number, boolean>>();

/** True if the family's regular face has a glyph for the code point. */
export function familyCovers(family: FontFamily, codePoint: number): boolean {
	let covered = coverage.get(family);
	if (!covered) {
		covered = new Map();
		coverage.set(family, covered);
	}
	let has = covered.get(codePoint);
	if (has === undefined) {
		has = loadFont(faceFor(family, { bold: false, italic: false })).hasGlyphForCodePoint(codePoint);
		covered.set(codePoint, has);
	}
	return has;
}

/**
 * Which CJK font Han characters take when nothing in the text itself decides:
 * 'chinese' is Simplified, 'traditional' Traditional Chinese (Taiwan's forms).
 */
export type HanPreference = 'japanese' | 'chinese' | 'traditional' | 'korean';

/** The letter's language decides how Han characters look (Japanese kanji, Chinese hanzi, Korean hanja). */
export function hanPreferenceFor(language: string): HanPreference | null {
	const [primary, ...rest] = language.toLowerCase().split(/[-_]/);
	if (primary === 'ja') return 'japanese';
	if (primary === 'ko') return 'korean';
	if (primary === 'zh' || primary === 'yue' || primary === 'cmn') {
		if (rest.includes('hant') || (!rest.includes('hans') && rest.some((part) => ['tw', 'hk', 'mo'].includes(part)))) return 'traditional';
		return primary === 'yue' && !rest.includes('hans') ? 'traditional' : 'chinese';
	}
	return null;
}

const ARABIC_SCRIPT = /[\u0600-\u06ff\u0750-\u077f\u0870-\u08ff\ufb50-\ufdff\ufe70-\ufeff]/;
const KANA = /[\u3040-\u30ff\u31f0-\u31ff\uff66-\uff9f]/;
const HANGUL = /[\u1100-\u11ff\u3130-\u318f\ua960-\ua97f\uac00-\ud7af\ud7b0-\ud7ff]/;
const CJK = /[\u2e80-\u2fdf\u3000-\u303f\u3190-\u31ef\u3200-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef]|[\u{20000}-\u{3ffff}]/u;
const EMOJI = /\p{Emoji_Presentation}/u;

/** Unicode blocks of the scripts that have a family of their own: [first, last, family]. */
const SCRIPT_BLOCKS: readonly [number, number, FontFamily][] = [
	[0x0530, 0x058f, 'armenian'],
	[0x0590, 0x05ff, 'hebrew'],
	[0x0700, 0x074f, 'syriac'],
	[0x0780, 0x07bf, 'thaana'],
	[0x0860, 0x086f, 'syriac'],
	[0x0900, 0x097f, 'devanagari'],
	[0x0980, 0x09ff, 'bengali'],
	[0x0a00, 0x0a7f, 'gurmukhi'],
	[0x0a80, 0x0aff, 'gujarati'],
	[0x0b80, 0x0bff, 'tamil'],
	[0x0c00, 0x0c7f, 'telugu'],
	[0x0c80, 0x0cff, 'kannada'],
	[0x0d00, 0x0d7f, 'malayalam'],
	[0x0d80, 0x0dff, 'sinhala'],
	[0x0e00, 0x0e7f, 'thai'],
	[0x0e80, 0x0eff, 'lao'],
	[0x0f00, 0x0fff, 'tibetan'],
	[0x1000, 0x109f, 'myanmar'],
	[0x10a0, 0x10ff, 'georgian'],
	[0x1200, 0x139f, 'ethiopic'],
	[0x1780, 0x17ff, 'khmer'],
	[0x1800, 0x18af, 'mongolian'],
	[0x19e0, 0x19ff, 'khmer'],
	[0x1c90, 0x1cbf, 'georgian'],
	[0x1cd0, 0x1cff, 'devanagari'],
	[0x2d00, 0x2d2f, 'georgian'],
	[0x2d80, 0x2ddf, 'ethiopic'],
	[0xa8e0, 0xa8ff, 'devanagari'],
	[0xa9e0, 0xa9ff, 'myanmar'],
	[0xaa60, 0xaa7f, 'myanmar'],
	[0xab00, 0xab2f, 'ethiopic'],
	[0xfb13, 0xfb17, 'armenian'],
	[0xfb1d, 0xfb4f, 'hebrew'],
	[0x11660, 0x1167f, 'mongolian'],
	[0x1e7e0, 0x1e7ff, 'ethiopic']
];

function scriptFamily(codePoint: number): FontFamily | null {
	for (const [first, last, family] of SCRIPT_BLOCKS) {
		if (codePoint >= first && codePoint <= last) return family;
	}
	return null;
}

/** The Han preference an organisation's country suggests, if any. */
export function hanPreferenceForCountry(country: string): HanPreference | undefined {
	if (country === 'JP') return 'japanese';
	if (country === 'KR' || country === 'KP') return 'korean';
	if (['TW', 'HK', 'MO'].includes(country)) return 'traditional';
	if (['CN', 'SG'].includes(country)) return 'chinese';
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
const HAN_INDEX: Record<HanPreference, number> = { japanese: 0, chinese: 1, traditional: 2, korean: 3 };

/**
 * The family that draws a code point, or null when no bundled font has it (see
 * missingGlyphs in printable.ts: such text is refused before it reaches a PDF).
 */
export function familyForCodePoint(codePoint: number, han: HanPreference): FontFamily | null {
	// Latin, Greek and Cyrillic (Mongolian Өө Үү included) are all in Noto Serif.
	if (codePoint >= 0x20 && codePoint < 0x0530 && codePoint !== 0x7f && (codePoint < 0x80 || codePoint >= 0xa0)) return 'serif';
	const key = codePoint * 4 + HAN_INDEX[han];
	const cached = familyCache.get(key);
	if (cached !== undefined) return cached;
	const family = chooseFamily(codePoint, han);
	familyCache.set(key, family);
	return family;
}

function chooseFamily(codePoint: number, han: HanPreference): FontFamily | null {
	const char = String.fromCodePoint(codePoint);
	let preferred: FontFamily[];
	const script = scriptFamily(codePoint);
	if (script) preferred = [script];
	else if (ARABIC_SCRIPT.test(char)) preferred = ['arabic', 'naskh'];
	else if (HANGUL.test(char)) preferred = ['korean'];
	else if (KANA.test(char)) preferred = ['japanese'];
	else if (CJK.test(char)) preferred = [han];
	else if (EMOJI.test(char)) preferred = ['emoji'];
	else preferred = [];
	for (const family of [...preferred, ...FALLBACK_ORDER]) {
		if (familyCovers(family, codePoint)) return family;
	}
	return null;
}

/** Families whose runs fontkit must shape as one string (joining scripts, right to left). */
export function isComplexFamily(family: FontFamily): boolean {
	return family === 'arabic';
}

/** Families shaped by HarfBuzz (shaping.ts) rather than by fontkit through pdfkit. */
export function isHarfBuzzFamily(family: FontFamily): boolean {
	return !FONTKIT_FAMILIES.has(family);
}

/** True if the text has a character of a right-to-left script (Arabic script, Hebrew, ...). */
export function hasRightToLeft(text: string): boolean {
	return /[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff\u200f\u202b\u202e\u2067]|[\u{10800}-\u{10fff}\u{1e800}-\u{1efff}]/u.test(text);
}
