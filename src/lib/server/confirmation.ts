import type { RequestEvent } from '@sveltejs/kit';

/** The field a confirmed POST carries: `confirm=yes`, sent only by the confirmation's own button. */
export const CONFIRM_FIELD = 'confirm';

/** What the page needs to ask again: which action, and anything the server shows first (the cover mail). */
export interface ConfirmationRequest {
	action: string;
	preview?: Record<string, unknown>;
}

/**
 * Issue 13, point 7: a destructive action acts only on a POST that carries
 * `confirm=yes`. The first POST (a click without JavaScript, a hurried script, a
 * forged form) changes nothing; the page answers with the same form in its confirm
 * state, naming the consequence. With JavaScript the dialog's button sends the field,
 * so the server is asked once. Checked on the server, never left to the dialog.
 */
export function isConfirmed(form: FormData): boolean {
	return form.get(CONFIRM_FIELD) === 'yes';
}

/** The action's name as the page's confirm button knows it (`?/removeOrganisation` → `removeOrganisation`). */
export function actionName(event: Pick<RequestEvent, 'url'>): string {
	return [...event.url.searchParams.keys()].find((k) => k.startsWith('/'))?.slice(1) ?? 'default';
}
