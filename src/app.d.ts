import type { Session, SessionUser } from '$lib/server/auth/session';

declare global {
	namespace App {
		interface Locals {
			user: SessionUser | null;
			session: Session | null;
		}
		interface Error {
			message: string;
			/** Shown so a person can quote it; the details stay in the server log. */
			errorId?: string;
		}
	}
}

export {};
