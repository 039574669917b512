/** What the convert action found in a pasted letter, for the page to show before anything is saved. */
export interface PasteReview {
	title: string;
	addressees: string;
	/** The body's first paragraph (the salutation, when there is one). */
	bodyStart: string;
	closing: string;
	dropped: { placeAndDate?: string; signatureBlock?: string };
	/** The place put into the empty place setting, if any. */
	place?: string;
	notes: string[];
}
