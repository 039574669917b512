import { diffArrays } from 'diff';

export interface WordDiffSegment {
	kind: 'same' | 'added' | 'removed';
	text: string;
}

/*
 * jsdiff's diffWordsWithSpace would do, but its tokenizer only knows Latin letters:
 * Cyrillic and Persian words come apart into single letters, and a changed word
 * shows as a few changed letters. diffWords can take an Intl.Segmenter but ignores changes
 * of white space, so a new line break would not show. Hence the same tokens as
 * diffWordsWithSpace (each line break, each run of other white space, each word,
 * each other character) with a Unicode-aware idea of a word, compared with jsdiff's
 * diffArrays. Every character of both texts lands in some segment: the same and
 * removed segments spell `before` exactly, the same and added ones spell `after`.
 *
 * A word is letters, combining marks and digits in any script, with the
 * zero-width (non-)joiners that Persian spelling uses inside words (می‌خواهیم), and
 * an apostrophe between letters (don't, l'État).
 */
const TOKEN = /\r?\n|[^\S\r\n]+|[\p{L}\p{M}\p{N}_\u200C\u200D]+(?:['’][\p{L}\p{M}\p{N}]+)*|[\s\S]/gu;

const tokenize = (text: string): string[] => text.match(TOKEN) ?? [];

/** A run of changes between two unchanged stretches. */
interface Change {
	removed: string;
	added: string;
}

const isWhiteSpace = (text: string) => /^\s+$/.test(text);

type Part = { kind: 'same'; text: string } | ({ kind: 'change' } & Change);

/*
 * AV3, issue 11 point 4: Myers' algorithm costs about (tokens × edits), so two long
 * revisions that differ throughout took seconds and held up every other request.
 * Each comparison may cost at most MAX_EDITS insertions and removals of tokens (and
 * MAX_MILLISECONDS); past
 * that, the texts are compared paragraph by paragraph (paragraphs as the tokens,
 * with the same limit), and past that again, the whole old text is shown removed and
 * the new one added. The reader is told when the comparison was coarsened.
 */
export const MAX_EDITS = 500;
/** And word by word at most this long, whatever the machine's load (jsdiff checks between edit lengths). */
export const MAX_MILLISECONDS = 40;

export type Coarsening = 'paragraphs' | 'whole';

export interface Limits {
	maxEdits: number;
	milliseconds: number;
}

const LIMITS: Limits = { maxEdits: MAX_EDITS, milliseconds: MAX_MILLISECONDS };

export interface WordComparison {
	segments: WordDiffSegment[];
	/** Set when the texts differ too much to compare word by word. */
	coarsened: Coarsening | null;
}

/** A paragraph with the line breaks after it, so the tokens spell the text exactly. */
const PARAGRAPH = /[^\n]*(?:\n|$)/g;
const paragraphs = (text: string): string[] => (text.match(PARAGRAPH) ?? []).filter((p) => p !== '');

/**
 * A lower bound on the edits between two token lists, in linear time: every token
 * one side has more often than the other must be removed or added. Lets texts that
 * differ throughout skip the costly search for a word-by-word alignment.
 */
function editsAtLeast(before: string[], after: string[]): number {
	const counts = new Map<string, number>();
	for (const token of before) counts.set(token, (counts.get(token) ?? 0) + 1);
	for (const token of after) counts.set(token, (counts.get(token) ?? 0) - 1);
	let edits = 0;
	for (const count of counts.values()) edits += Math.abs(count);
	return edits;
}

/** Groups jsdiff's output into unchanged text and runs of removals and additions; undefined past the edit limit. */
function group(before: string[], after: string[], limits: Limits): Part[] | undefined {
	if (editsAtLeast(before, after) > limits.maxEdits) return undefined;
	const changes = diffArrays(before, after, { maxEditLength: limits.maxEdits, timeout: limits.milliseconds });
	if (!changes) return undefined;
	const parts: Part[] = [];
	for (const change of changes) {
		const text = change.value.join('');
		const last = parts[parts.length - 1];
		if (!change.added && !change.removed) {
			parts.push({ kind: 'same', text });
			continue;
		}
		const run = last?.kind === 'change' ? last : { kind: 'change' as const, removed: '', added: '' };
		if (run !== last) parts.push(run);
		if (change.added) run.added += text;
		else run.removed += text;
	}
	return parts;
}

const replaces = (part: Part | undefined): part is { kind: 'change' } & Change => part?.kind === 'change' && part.removed !== '' && part.added !== '';

/*
 * "the quick fox" → "a slow fox" comes back from jsdiff as two replacements with an
 * unchanged space between them, which reads as [-the-]{+a+} [-quick-]{+slow+}.
 * A lone space between two replacements is folded into both, so a reworded phrase
 * reads as one: [-the quick-]{+a slow+} fox.
 */
function foldSpaces(parts: Part[]): Part[] {
	const folded: Part[] = [];
	for (let i = 0; i < parts.length; i += 1) {
		const part = parts[i];
		if (!part) continue;
		const previous = folded[folded.length - 1];
		const next = parts[i + 1];
		if (part.kind === 'same' && isWhiteSpace(part.text) && replaces(previous) && replaces(next)) {
			previous.removed += part.text + next.removed;
			previous.added += part.text + next.added;
			i += 1;
			continue;
		}
		folded.push(part);
	}
	return folded;
}

function compare(before: string, after: string, limits: Limits): { parts: Part[]; coarsened: Coarsening | null } {
	const words = group(tokenize(before), tokenize(after), limits);
	if (words) return { parts: foldSpaces(words), coarsened: null };
	// Paragraphs are few, and the edit limit alone keeps their comparison short; no
	// clock here, so a busy machine still gets a paragraph-level comparison.
	const lines = group(paragraphs(before), paragraphs(after), { ...limits, milliseconds: Infinity });
	if (lines) return { parts: lines, coarsened: 'paragraphs' };
	return { parts: [{ kind: 'change', removed: before, added: after }], coarsened: 'whole' };
}

/** The words of `after` compared with `before`: unchanged, added and removed runs, in reading order. */
export function wordDiff(before: string, after: string): WordDiffSegment[] {
	return compareWords(before, after).segments;
}

/** As wordDiff, and says whether the comparison had to be coarsened (bounded work, AV3). */
export function compareWords(before: string, after: string, limits: Limits = LIMITS): WordComparison {
	const segments: WordDiffSegment[] = [];
	const push = (kind: WordDiffSegment['kind'], text: string) => {
		if (text === '') return;
		const last = segments[segments.length - 1];
		if (last?.kind === kind) last.text += text;
		else segments.push({ kind, text });
	};
	const { parts, coarsened } = compare(before, after, limits);
	for (const part of parts) {
		if (part.kind === 'same') {
			push('same', part.text);
			continue;
		}
		// Removed before added, so the old wording is read first.
		push('removed', part.removed);
		push('added', part.added);
	}
	return { segments, coarsened };
}
