import { diff3Merge, type MergeRegion } from 'node-diff3';

/*
 * AV3, issue 11 point 4: node-diff3 finds common subsequences with a search whose
 * cost grows with (tokens of one side × tokens of the other) and with the number of
 * equal pairs; two concurrent saves of long, repetitive texts took many seconds. So:
 *
 * 1. what all three versions share at the start and at the end is kept as it is, and
 *    only the middle is merged (edits are usually local, so the middle is small);
 * 2. when the middle is still too costly word by word, it is merged line by line;
 * 3. when even that is too costly, the whole middle is one conflict, which the
 *    writer resolves as any other (nothing is lost, nothing is merged blindly).
 */
export const MAX_MERGE_COST = 4_000_000;

type Tokenizer = (text: string) => string[];

const lines: Tokenizer = (text) => text.match(/[^\n]*\n|[^\n]+$/g) ?? [];

/*
 * An upper bound on the work of node-diff3's search for each side against the base:
 * it walks the candidate list once per token, and again per equal pair it tries.
 */
function mergeCost(mine: string[], base: string[], theirs: string[]): number {
	const counts = new Map<string, number>();
	for (const token of base) counts.set(token, (counts.get(token) ?? 0) + 1);
	let cost = 0;
	for (const side of [mine, theirs]) {
		let pairs = 0;
		for (const token of side) pairs += counts.get(token) ?? 0;
		cost += (side.length + pairs) * Math.min(side.length, base.length);
	}
	return cost;
}

function commonEnds(mine: string[], base: string[], theirs: string[]): { start: number; end: number } {
	const shortest = Math.min(mine.length, base.length, theirs.length);
	let start = 0;
	while (start < shortest && mine[start] === base[start] && theirs[start] === base[start]) start++;
	let end = 0;
	const at = (list: string[]) => list[list.length - 1 - end];
	while (end < shortest - start && at(mine) === at(base) && at(theirs) === at(base)) end++;
	return { start, end };
}

function tryMerge(mine: string, base: string, theirs: string, tokenize: Tokenizer): MergeRegion<string>[] | undefined {
	const [a, o, b] = [tokenize(mine), tokenize(base), tokenize(theirs)];
	const { start, end } = commonEnds(a, o, b);
	const middle = (list: string[]) => list.slice(start, list.length - end);
	const [ma, mo, mb] = [middle(a), middle(o), middle(b)];
	if (mergeCost(ma, mo, mb) > MAX_MERGE_COST) return undefined;
	const regions: MergeRegion<string>[] = [];
	if (start > 0) regions.push({ ok: o.slice(0, start) });
	regions.push(...diff3Merge(ma, mo, mb));
	if (end > 0) regions.push({ ok: o.slice(o.length - end) });
	return regions;
}

/** diff3Merge of three texts, with bounded work: word tokens, else lines, else one conflict. */
export function boundedDiff3Merge(mine: string, base: string, theirs: string, tokenize: Tokenizer): MergeRegion<string>[] {
	const merged = tryMerge(mine, base, theirs, tokenize) ?? tryMerge(mine, base, theirs, lines);
	if (merged) return merged;
	const [a, o, b] = [lines(mine), lines(base), lines(theirs)];
	const { start, end } = commonEnds(a, o, b);
	const middle = (list: string[]) => list.slice(start, list.length - end);
	const regions: MergeRegion<string>[] = [];
	if (start > 0) regions.push({ ok: o.slice(0, start) });
	regions.push({ conflict: { a: middle(a), aIndex: start, o: middle(o), oIndex: start, b: middle(b), bIndex: start } });
	if (end > 0) regions.push({ ok: o.slice(o.length - end) });
	return regions;
}
