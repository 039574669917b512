import { splitPastedLetter, type SplitLetter } from './split-pasted-letter';

/** What the convert action found in a pasted letter, for the page to show before anything is saved. */
export interface PasteReview {
	title: string;
	addressees: string;
	/** The first words of the body (the salutation, when there is one). */
	bodyStart: string;
	closing: string;
	dropped: SplitLetter['dropped'];
	/** The place put into the empty place setting, if any. */
	place?: string;
	notes: string[];
}

/** The first words of the text, cut at a space, paragraphs on lines of their own, for the summary. */
function beginning(text: string, size = 240): string {
	const start = text.length <= size ? text : `${text.slice(0, size).replace(/\s+\S*$/u, '')} …`;
	return start.replace(/\n{2,}/g, '\n');
}

/**
 * Issue 13, point 3: the form as it comes back from "Convert": the pasted letter's
 * parts in their fields (the place only where the form has an empty place setting),
 * a field the letter had no part for keeping what the person typed, the paste box
 * emptied; and the summary of what went where.
 */
export function convertPastedLetter(pasted: string, typed: Record<string, string>, options: { place: boolean }): { values: Record<string, string>; review: PasteReview } {
	const split = splitPastedLetter(pasted);
	const place = options.place && !typed.place ? split.place : undefined;
	const found = { title: split.title, addressees: split.addressees, body: split.body, closing: split.closing, place: place ?? '' };
	const filled = Object.fromEntries(Object.entries(found).filter(([, value]) => value !== ''));
	const review: PasteReview = {
		title: split.title,
		addressees: split.addressees,
		bodyStart: beginning(split.body),
		closing: split.closing,
		dropped: split.dropped,
		...(place ? { place } : {}),
		notes: split.notes
	};
	return { values: { ...typed, ...filled, pasted: '' }, review };
}
