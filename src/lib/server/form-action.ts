import { fail, isActionFailure, isHttpError, redirect, type ActionFailure, type RequestEvent } from '@sveltejs/kit';
import type { z } from 'zod';
import { AppError, type AppErrorCode } from './errors';
import { isDataException, requireUser, requireVerifiedUser } from './http';
import { errorFields, log } from './log';
import { AUDITED_REFUSALS, recordRefusedAction } from './audit/record-refused-action';
import type { Session, SessionUser } from './auth/session';
import { parseForm, typedValues, type FieldErrors } from '$lib/validation/form';
import { actionName, CONFIRM_FIELD, isConfirmed, type ConfirmationRequest } from './confirmation';
import { m } from '$lib/paraglide/messages.js';

/** What a form gets back when it fails: one message, per-field messages, and what the person typed (never secrets). */
export interface FormFailure {
	message: string;
	errors: FieldErrors;
	values: Record<string, string>;
	code: AppErrorCode | 'invalid_input' | 'confirmation_required';
	/** Set when the action waits for `confirm=yes` (confirmation.ts): the page shows its confirm state. */
	confirm?: ConfirmationRequest;
	/** Problems in rows of an uploaded file (CSV import), first ones only. */
	rows?: { row: number; message: string }[];
	moreRows?: number;
}

/**
 * Thrown by a command's route code when the form is refused with more than a message
 * (the rows of a CSV file that need correcting); formAction answers 400 with them.
 */
export class FormRefusal extends Error {
	constructor(
		message: string,
		readonly rows: { row: number; message: string }[] = [],
		readonly moreRows = 0
	) {
		super(message);
		this.name = 'FormRefusal';
	}
}

type Auth = 'verified' | 'user' | 'anyone';

type Actor<A extends Auth> = A extends 'anyone'
	? { user: SessionUser | null; session: Session | null }
	: { user: SessionUser; session: Session };

export type FormContext<S extends z.ZodType, A extends Auth, E extends RequestEvent> = Actor<A> & {
	/** The form, parsed by its schema: typed and trusted from here on. */
	data: z.output<S>;
	/** What the person typed (secrets excepted), for a result that refills the form. */
	values: Record<string, string>;
	/** The raw form, for what a schema does not cover (an uploaded file). */
	form: FormData;
	event: E;
};

export interface FormActionOptions<A extends Auth, S extends z.ZodType = z.ZodType, E extends RequestEvent = RequestEvent> {
	/** Who may post: a confirmed account (the default), any signed-in account, or anyone. */
	auth?: A;
	/**
	 * The message when the schema refuses the form (field messages go next to the fields).
	 * A function, read when the form is refused, so the message is in the visitor's
	 * language (a string is read once, when the route module loads).
	 */
	invalid?: string | (() => string);
	/**
	 * A destructive action: it runs only on a POST with `confirm=yes` (issue 13, point 7);
	 * before that the form is answered in its confirm state. A function adds what the
	 * confirmation shows (the cover mail as recipients get it); it checks the actor itself.
	 */
	confirm?: true | ((context: FormContext<S, A, E>) => Promise<Record<string, unknown>>);
}

/** Read per refusal, never at module load: messages follow the request's language. */
const INVALID = () => m.auth_form_invalid();
const invalidMessage = (invalid: string | (() => string) | undefined) => (typeof invalid === 'function' ? invalid() : (invalid ?? INVALID()));

/** A command's result under the form's name; a returned fail() keeps its status, its data moves under the name. */
type Answered<Name extends string, R> = R extends ActionFailure<infer D> ? ActionFailure<{ [K in Name]: D }> : { [K in Name]: R };

/**
 * The route edge of every form action, in one order: authenticate, parse the form with
 * its schema, run one command, and map an AppError (its code, and its field if it has
 * one) to fail() with what the person typed. Answers live under the form's own name,
 * so `form?.<name>` is typed on the page and lands on the form it came from.
 *
 * A command ends a successful POST with `redirect(303, ...)` (see `done()`), or returns
 * a one-time value to show (a new token, a generated code), kept under the form's name,
 * or returns fail() for a refusal that carries more than a message (an edit conflict).
 * Anything that is not an AppError is a bug and reaches handleError, except a
 * PostgreSQL data exception (class 22: a NUL byte, an invalid value), which is the
 * sender's input and gets a 400.
 */
export function formAction<
	const Name extends string,
	S extends z.ZodType,
	E extends RequestEvent,
	R extends Record<string, unknown> | ActionFailure<Record<string, unknown>> | void = void,
	A extends Auth = 'verified'
>(
	name: Name,
	schema: S,
	run: (context: FormContext<S, A, E>) => Promise<R>,
	options: FormActionOptions<A, S, E> = {}
): (event: E) => Promise<ActionFailure<{ [K in Name]: FormFailure }> | Answered<Name, R>> {
	return async (event) => {
		const auth = options.auth ?? 'verified';
		const actor =
			auth === 'verified' ? requireVerifiedUser(event) : auth === 'user' ? requireUser(event) : { user: event.locals.user, session: event.locals.session };
		const answer = (status: number, failure: FormFailure) => fail(status, { [name]: failure } as { [K in Name]: FormFailure });
		let form: FormData;
		try {
			form = await event.request.formData();
		} catch (error) {
			// IN6: a body over BODY_SIZE_LIMIT is SvelteKit's own 413 (a SvelteKitError with a status); keep it.
			if (isHttpError(error) || (error instanceof Error && typeof (error as { status?: unknown }).status === 'number')) throw error;
			return answer(400, { message: m.auth_form_unreadable(), errors: {}, values: {}, code: 'invalid_input' });
		}
		const parsed = parseForm(schema, form);
		if (!parsed.ok) {
			return answer(400, { message: invalidMessage(options.invalid), errors: parsed.errors, values: parsed.values, code: 'invalid_input' });
		}
		try {
			if (options.confirm && !isConfirmed(form)) {
				const context = { ...(actor as Actor<A>), data: parsed.data, values: parsed.values, form, event };
				const preview = options.confirm === true ? undefined : await options.confirm(context);
				const { [CONFIRM_FIELD]: _, ...values } = parsed.values;
				// 428 Precondition Required: nothing was done; the page asks again.
				return answer(428, { message: '', errors: {}, values, code: 'confirmation_required', confirm: { action: actionName(event), preview } });
			}
			const result = await run({ ...(actor as Actor<A>), data: parsed.data, values: parsed.values, form, event });
			if (isActionFailure(result)) return fail(result.status, { [name]: result.data }) as Answered<Name, R>;
			return { [name]: result } as Answered<Name, R>;
		} catch (error) {
			if (error instanceof AppError) {
				await auditRefusedAction(event, actor.user?.id ?? null, error);
				if (error.code === 'rate_limited' && error.retryAfterSeconds) {
					event.setHeaders({ 'retry-after': String(Math.ceil(error.retryAfterSeconds)) });
				}
				return answer(error.status, {
					message: error.message,
					errors: error.field ? { [error.field]: error.message } : {},
					values: parsed.values,
					code: error.code
				});
			}
			if (error instanceof FormRefusal) {
				return answer(400, { message: error.message, errors: {}, values: parsed.values, code: 'invalid_input', rows: error.rows, moreRows: error.moreRows });
			}
			if (isDataException(error)) {
				log.warn('refused input the database cannot store', { route: event.route.id ?? 'unknown', ...errorFields(error) });
				return answer(400, { message: m.auth_form_cannot_store(), errors: {}, values: typedValues(form), code: 'invalid_input' });
			}
			throw error;
		}
	};
}

/**
 * AZ1, AZ7: a refused action on a letter or a coalition (a removed coordinator's
 * stale page, a forged id, a lapsed step-up) leaves an entry on that letter's or
 * coalition's chain, whichever command refused it.
 */
export async function auditRefusedAction(event: RequestEvent, userId: string | null, error: unknown): Promise<void> {
	if (!(error instanceof AppError)) return;
	if (!userId || error.audited || !AUDITED_REFUSALS.includes(error.code)) return;
	const routeId = event.route.id ?? '';
	const id = (event.params as Record<string, string | undefined>).id;
	const kind = routeId.startsWith('/letters/[id=id]') ? 'letter' : routeId.startsWith('/coalitions/[id=id]') ? 'coalition' : null;
	if (!kind || !id) return;
	await recordRefusedAction({ target: { kind, id }, actorId: userId, action: `${routeId.replace('/[id=id]', '')}?/${actionName(event)}`, code: error.code });
	error.audited = true;
}

/**
 * Ends a successful POST with 303 back to this page (or `options.path`), with
 * `?done=<key>` (and a count `n` or a row `id` where the message needs one) that the page turns into
 * its confirmation message. Other query parameters (a chosen language, a tab) are
 * kept; the action's own `?/name` is not.
 */
export function done(event: Pick<RequestEvent, 'url'>, key: string, options: { path?: string; n?: number; id?: string } = {}): never {
	const target = new URL(options.path ?? event.url.pathname, event.url);
	if (!options.path) {
		for (const [k, v] of event.url.searchParams) if (!k.startsWith('/') && !['done', 'n', 'id'].includes(k)) target.searchParams.append(k, v);
	}
	target.searchParams.set('done', key);
	if (options.n !== undefined) target.searchParams.set('n', String(options.n));
	if (options.id !== undefined) target.searchParams.set('id', options.id);
	redirect(303, target.pathname + target.search);
}
