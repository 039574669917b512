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

/** Groups jsdiff's output into unchanged text and runs of removals and additions. */
function group(before: string, after: string): Part[] {
	const parts: Part[] = [];
	for (const change of diffArrays(tokenize(before), tokenize(after))) {
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

/** The words of `after` compared with `before`: unchanged, added and removed runs, in reading order. */
export function wordDiff(before: string, after: string): WordDiffSegment[] {
	const segments: WordDiffSegment[] = [];
	const push = (kind: WordDiffSegment['kind'], text: string) => {
		if (text === '') return;
		const last = segments[segments.length - 1];
		if (last?.kind === kind) last.text += text;
		else segments.push({ kind, text });
	};
	for (const part of foldSpaces(group(before, after))) {
		if (part.kind === 'same') {
			push('same', part.text);
			continue;
		}
		// Removed before added, so the old wording is read first.
		push('removed', part.removed);
		push('added', part.added);
	}
	return segments;
}
