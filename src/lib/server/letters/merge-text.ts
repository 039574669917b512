import { boundedDiff3Merge } from './bounded-merge';
import type { LetterText } from './canonical';

export const TEXT_FIELDS = ['title', 'addressees', 'body', 'closing'] as const;
export type TextField = (typeof TEXT_FIELDS)[number];

export interface Conflict {
	field: TextField;
	/** The writer's version of the passage. */
	mine: string;
	/** The version saved meanwhile. */
	theirs: string;
	/** What both started from. */
	base: string;
	/** A few unchanged words either side, so the passage can be found in the text. */
	before: string;
	after: string;
}

const CONTEXT_TOKENS = 12;

export type MergeOutcome = { clean: true; text: LetterText } | { clean: false; conflicts: Conflict[] };

/**
 * Words, each with the white space after it, so edits to different words of a
 * paragraph merge. Attaching the space to its word keeps a lone space from being
 * taken as common ground between two rewrites of the same phrase; edits to two words
 * that touch are therefore shown as a conflict rather than combined.
 */
function tokens(value: string): string[] {
	return value.match(/\S+\s*|\s+/g) ?? [];
}

/** A field's merge, in order: text all sides agree on (or one side changed alone), and conflicts. */
type Segment = { text: string } | { conflict: Conflict };

function mergeSegments(field: TextField, base: string, mine: string, theirs: string): Segment[] {
	if (mine === theirs || theirs === base) return [{ text: mine }];
	if (mine === base) return [{ text: theirs }];
	// AV3: bounded work (issue 11 point 4); falls back to lines, then to one conflict.
	const regions = boundedDiff3Merge(mine, base, theirs, tokens);
	const segments: Segment[] = [];
	regions.forEach((region, i) => {
		if (region.ok) {
			segments.push({ text: region.ok.join('') });
		} else if (region.conflict) {
			segments.push({
				conflict: {
					field,
					mine: region.conflict.a.join(''),
					theirs: region.conflict.b.join(''),
					base: region.conflict.o.join(''),
					before: (regions[i - 1]?.ok ?? []).slice(-CONTEXT_TOKENS).join(''),
					after: (regions[i + 1]?.ok ?? []).slice(0, CONTEXT_TOKENS).join('')
				}
			});
		}
	});
	return segments;
}

function mergeField(field: TextField, base: string, mine: string, theirs: string): { text: string } | { conflicts: Conflict[] } {
	const segments = mergeSegments(field, base, mine, theirs);
	const conflicts = segments.flatMap((s) => ('conflict' in s ? [s.conflict] : []));
	if (conflicts.length > 0) return { conflicts };
	return { text: segments.map((s) => ('text' in s ? s.text : '')).join('') };
}

/**
 * Three-way merge of a save made on a stale revision: changes that do not overlap
 * are combined; overlapping ones come back as conflicts for the writer to resolve.
 */
export function mergeLetterText(base: LetterText, mine: LetterText, theirs: LetterText): MergeOutcome {
	const merged: Partial<LetterText> = {};
	const conflicts: Conflict[] = [];
	for (const field of TEXT_FIELDS) {
		const result = mergeField(field, base[field], mine[field], theirs[field]);
		if ('text' in result) merged[field] = result.text;
		else conflicts.push(...result.conflicts);
	}
	if (conflicts.length > 0) return { clean: false, conflicts };
	return { clean: true, text: merged as LetterText };
}

/**
 * The same merge with each conflict settled: `passages[i]` replaces the i-th conflict
 * that mergeLetterText reports for these three texts (in its order), everything else
 * is merged as a clean merge would. The caller checks that the conflicts are the ones
 * the person chose for (see resolve-conflict.ts); a count that differs throws.
 */
export function resolveLetterText(base: LetterText, mine: LetterText, theirs: LetterText, passages: readonly string[]): LetterText {
	const resolved: Partial<LetterText> = {};
	let next = 0;
	for (const field of TEXT_FIELDS) {
		resolved[field] = mergeSegments(field, base[field], mine[field], theirs[field])
			.map((segment) => {
				if ('text' in segment) return segment.text;
				const passage = passages[next++];
				if (passage === undefined) throw new Error('fewer resolved passages than conflicts');
				return passage;
			})
			.join('');
	}
	if (next !== passages.length) throw new Error('more resolved passages than conflicts');
	return resolved as LetterText;
}
