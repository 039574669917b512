import type { Session, SessionUser } from '$lib/server/auth/session';
import type { Locale } from '$lib/i18n/locales';

declare global {
	namespace App {
		interface Locals {
			user: SessionUser | null;
			session: Session | null;
			/** A session whose password was right but whose second factor is still to come (AU6): it signs nobody in. */
			secondFactorPending: Session | null;
			/** Issue 14: the language this request is answered in (hooks/request-locale.ts). */
			locale: Locale;
		}
		interface Error {
			message: string;
			/** Shown so a person can quote it; the details stay in the server log. */
			errorId?: string;
		}
	}
}

export {};
