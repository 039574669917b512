/**
 * A successful POST answers with a redirect to `?done=<key>` (form-action.ts `done()`);
 * the page keeps the texts and shows the one for the form the key belongs to. A text
 * may take the count `n` or the row `id` the redirect carries.
 */
export type DoneMessages<F extends string> = Record<string, { form: F; text: string | ((n: number, id: string) => string) }>;

export function doneMessage<F extends string>(messages: DoneMessages<F>, url: URL, form: F): string | undefined {
	const key = url.searchParams.get('done');
	const entry = key && Object.hasOwn(messages, key) ? messages[key] : undefined;
	if (!entry || entry.form !== form) return undefined;
	if (typeof entry.text === 'string') return entry.text;
	const n = Number.parseInt(url.searchParams.get('n') ?? '', 10);
	return entry.text(Number.isSafeInteger(n) && n >= 0 ? n : 0, url.searchParams.get('id') ?? '');
}

/** One form's answer as the page shows it, whichever of failure, summary or confirmation it is. */
export interface AnswerView {
	message?: string;
	done?: string;
	errors: Partial<Record<string, string>>;
	values: Partial<Record<string, string>>;
	rows?: { row: number; message: string }[];
	moreRows?: number;
}

type Answer =
	| { message: string; errors: Record<string, string>; values: Record<string, string>; rows?: { row: number; message: string }[]; moreRows?: number }
	| { done: string };

export function answerView(answer: Answer | undefined | null, done?: string): AnswerView {
	if (!answer) return { done, errors: {}, values: {} };
	if ('done' in answer) return { done: answer.done, errors: {}, values: {} };
	return { ...answer };
}
