import { and, eq, ne } from 'drizzle-orm';
// Unicode's "confusables.txt" (UTS #39, version 13.0.0) as a map from one code point
// to its prototype, packaged by nodeca (the authors of markdown-it) as unhomoglyph.
import prototypes from 'unhomoglyph/data.json';
import { db } from '../db';
import { coalitionMembers, organisations, signatures } from '../db/schema';
import { AppError } from '../errors';
import { m } from '$lib/paraglide/messages.js';

/*
 * IN3, issue 11 point 6: an organisation name that is the same as another's, or
 * looks the same ("Оrg B" with a Cyrillic О beside "Org B"), in one coalition or
 * one signatory list would let one organisation pass for another. Exact duplicates
 * (ignoring case, compatibility forms and spacing) are refused; names that only
 * look alike by the UTS #39 skeleton are shown to coordinators, since real names in
 * different scripts may legitimately coincide.
 */
const PROTOTYPES = new Map(Object.entries(prototypes as Record<string, string>));

/** UTS #39 skeleton: NFD, each character replaced by its prototype, NFD again. */
export function skeleton(name: string): string {
	let mapped = '';
	for (const char of name.normalize('NFD')) mapped += PROTOTYPES.get(char) ?? char;
	return mapped.normalize('NFD');
}

/** The same name for people: compatibility forms, case and spacing do not count. */
export function sameNameKey(name: string): string {
	return name.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();
}

/** Two names read the same: as UTS #39 skeletons, as written or in lower case. */
export function namesLookAlike(a: string, b: string): boolean {
	const key = (n: string) => sameNameKey(n);
	return skeleton(a) === skeleton(b) || skeleton(key(a)) === skeleton(key(b));
}

export interface NameClash {
	name: string;
	otherName: string;
	kind: 'same' | 'confusable';
}

/** Pairs of names in one list that are the same or look alike, each pair once. */
export function findNameClashes(names: string[]): NameClash[] {
	const clashes: NameClash[] = [];
	const bySkeleton = new Map<string, string[]>();
	for (const name of names) {
		const keys = new Set([skeleton(name), skeleton(sameNameKey(name))]);
		const seen = new Set<string>();
		for (const key of keys) {
			for (const other of bySkeleton.get(key) ?? []) {
				if (seen.has(other)) continue;
				seen.add(other);
				clashes.push({ name, otherName: other, kind: sameNameKey(name) === sameNameKey(other) ? 'same' : 'confusable' });
			}
			bySkeleton.set(key, [...(bySkeleton.get(key) ?? []), name]);
		}
	}
	return clashes;
}

const SAME_NAME = {
	coalition: (name: string) => m.coal_error_same_name_in_coalition({ name }),
	letter: (name: string) => m.coal_error_same_name_on_letter({ name })
};

function refuseSameName(name: string, others: string[], where: keyof typeof SAME_NAME): void {
	const same = others.find((other) => sameNameKey(other) === sameNameKey(name));
	if (same === undefined) return;
	throw new AppError('conflict', SAME_NAME[where](same));
}

async function organisationName(organisationId: string): Promise<string | undefined> {
	const [row] = await db().select({ name: organisations.displayName }).from(organisations).where(eq(organisations.id, organisationId));
	return row?.name;
}

/** Refuses an organisation joining a coalition where another member has its name. */
export async function refuseDuplicateMemberName(options: { coalitionId: string; organisationId: string }): Promise<void> {
	const name = await organisationName(options.organisationId);
	if (name === undefined) return;
	const others = await db()
		.select({ name: organisations.displayName })
		.from(coalitionMembers)
		.innerJoin(organisations, eq(organisations.id, coalitionMembers.organisationId))
		.where(and(eq(coalitionMembers.coalitionId, options.coalitionId), ne(coalitionMembers.organisationId, options.organisationId)));
	refuseSameName(name, others.map((o) => o.name), 'coalition');
}

/**
 * Refuses a signature under a name another organisation already signed this letter
 * with: `otherNames` are the active signatures' organisation names, this one's left out.
 * The signing command reads them in the query that checks everything else.
 */
export function refuseDuplicateSignatoryName(name: string, otherNames: string[]): void {
	refuseSameName(name, otherNames, 'letter');
}

/** For coordinators: member names of a coalition that look alike. */
export async function listLookAlikeMemberNames(coalitionId: string): Promise<NameClash[]> {
	const rows = await db()
		.select({ name: organisations.displayName })
		.from(coalitionMembers)
		.innerJoin(organisations, eq(organisations.id, coalitionMembers.organisationId))
		.where(eq(coalitionMembers.coalitionId, coalitionId));
	return findNameClashes(rows.map((r) => r.name));
}

/** For coordinators: names on a letter's signatory list that look alike. */
export async function listLookAlikeSignatoryNames(letterId: string): Promise<NameClash[]> {
	const rows = await db()
		.select({ name: signatures.organisationName })
		.from(signatures)
		.where(and(eq(signatures.letterId, letterId), eq(signatures.status, 'active')));
	return findNameClashes(rows.map((r) => r.name));
}
