import { countryName } from '../organisations/countries';
import { labelLocale, labels } from '../pdf/pdf-labels';

/** One counting signature as the signatory list, the PDF and the CSV show it. */
export interface SignatoryEntry {
	signatureId: string;
	organisationId: string;
	organisationName: string;
	/** ISO 3166-1 alpha-2. */
	country: string;
	signedAt: Date;
	initiator: boolean;
	verified: boolean;
	/** PR1: null unless the signer chose to make their name public. */
	signerName: string | null;
	signerTitle: string | null;
	statement: string | null;
}

export type SignatoryOrdering = 'alphabetical' | 'signing_time' | 'country';

export interface OrderOptions {
	ordering: SignatoryOrdering;
	initiatorsFirst: boolean;
	/** The letter's language (BCP 47): names and countries sort by its collation. */
	language: string;
}

export interface CountryGroup {
	country: string;
	countryName: string;
	entries: SignatoryEntry[];
}

type Compare = (a: SignatoryEntry, b: SignatoryEntry) => number;

/*
 * Building a collator loads ICU tailoring data, which costs far more than a
 * comparison; a list of thousands sorts once per page view, so each language gets
 * one collator for the life of the process. Languages are the letters' languages,
 * a small set, so the cache stays small.
 */
const collators = new Map<string, Intl.Collator>();

function collatorFor(language: string): Intl.Collator {
	let collator = collators.get(language);
	if (!collator) {
		// 'base': case and accents do not separate names (in English Ö sorts with O;
		// in Swedish the tailoring still puts Ö after Z, as Swedes expect). 'numeric':
		// "Group 2" comes before "Group 10". English is the fallback, as for country names.
		collator = new Intl.Collator([language, 'en'], { sensitivity: 'base', numeric: true });
		collators.set(language, collator);
	}
	return collator;
}

/*
 * Time, then id: two organisations with names the collator calls equal ("ACME" and
 * "Acme") must still come out in the same order on the page, in the PDF and in the
 * CSV, so every ordering ends on these. Ids compare by code unit, not by locale,
 * because they only need to be stable. Math.sign(NaN) || 0 keeps an unparsable
 * date from making the comparator inconsistent.
 */
const byTimeThenId: Compare = (a, b) =>
	(Math.sign(a.signedAt.getTime() - b.signedAt.getTime()) || 0) ||
	(a.signatureId < b.signatureId ? -1 : a.signatureId > b.signatureId ? 1 : 0);

function byName(language: string): Compare {
	const collator = collatorFor(language);
	return (a, b) => collator.compare(a.organisationName, b.organisationName) || byTimeThenId(a, b);
}

/**
 * Each distinct code's name, looked up once: Intl.DisplayNames inside a comparator
 * would run tens of thousands of times for a long list.
 */
function countryNames(entries: readonly SignatoryEntry[], language: string): Map<string, string> {
	const names = new Map<string, string>();
	for (const entry of entries) {
		if (!names.has(entry.country)) names.set(entry.country, countryName(entry.country, language));
	}
	return names;
}

/*
 * By country name, then code (should two codes ever share a display name, their
 * organisations still do not interleave), then organisation name.
 */
function byCountry(entries: readonly SignatoryEntry[], language: string): Compare {
	const collator = collatorFor(language);
	const names = countryNames(entries, language);
	const name = byName(language);
	return (a, b) =>
		collator.compare(names.get(a.country) ?? a.country, names.get(b.country) ?? b.country) ||
		(a.country < b.country ? -1 : a.country > b.country ? 1 : 0) ||
		name(a, b);
}

/**
 * The signatory list in the order the coordinator chose. Returns a new array; the
 * input is left as it was. With `initiatorsFirst`, initiating organisations come
 * first and the rest follow, each part in the chosen order.
 */
export function orderSignatories(entries: SignatoryEntry[], options: OrderOptions): SignatoryEntry[] {
	const { ordering, initiatorsFirst, language } = options;
	const compare =
		ordering === 'signing_time' ? byTimeThenId : ordering === 'country' ? byCountry(entries, language) : byName(language);
	const sorted = [...entries];
	if (initiatorsFirst) {
		sorted.sort((a, b) => (a.initiator === b.initiator ? compare(a, b) : a.initiator ? -1 : 1));
	} else {
		sorted.sort(compare);
	}
	return sorted;
}

/**
 * The 'country' view: one group per country, groups ordered by the country's name
 * in the letter's language, organisations alphabetical inside each. Initiators are
 * not lifted here; a caller that lists them first passes only the others.
 */
export function groupByCountry(entries: SignatoryEntry[], language: string): CountryGroup[] {
	const collator = collatorFor(language);
	const names = countryNames(entries, language);
	const groups = new Map<string, CountryGroup>();
	for (const entry of entries) {
		let group = groups.get(entry.country);
		if (!group) {
			group = { country: entry.country, countryName: names.get(entry.country) ?? entry.country, entries: [] };
			groups.set(entry.country, group);
		}
		group.entries.push(entry);
	}
	const name = byName(language);
	for (const group of groups.values()) group.entries.sort(name);
	return [...groups.values()].sort(
		(a, b) =>
			collator.compare(a.countryName, b.countryName) || (a.country < b.country ? -1 : a.country > b.country ? 1 : 0)
	);
}

/**
 * "Organisation name, Country", with the country named in the letter's language.
 * The sign form, the list and the PDF all show this one line, so an organisation
 * sees before signing exactly how it will be listed. It carries no invisible
 * direction marks: IN4 isolation is the renderer's job (<bdi> on pages, bidi runs
 * in the PDF), and marks here would travel into every copy-and-paste.
 */
export function signatoryLine(entry: Pick<SignatoryEntry, 'organisationName' | 'country'>, language: string): string {
	// The separator is the language's own ("、" in Japanese, "، " in Persian).
	return labels.signatory_entry({ organisation: entry.organisationName, country: countryName(entry.country, language) }, { locale: labelLocale(language) });
}
