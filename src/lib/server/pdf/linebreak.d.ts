// linebreak (UAX #14, the line breaker pdfkit itself uses) ships no types.
declare module 'linebreak' {
	export interface Break {
		/** Index (UTF-16) where the next line may start. */
		position: number;
		/** True after a mandatory break (a new line character). */
		required: boolean;
	}
	export default class LineBreaker {
		constructor(text: string);
		nextBreak(): Break | null;
	}
}
