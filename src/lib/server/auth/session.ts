import type { Cookies } from '@sveltejs/kit';
import { and, eq, lt, ne } from 'drizzle-orm';
import { db } from '../db';
import { sessions, users } from '../db/schema';
import { generateToken, hashSecret } from '../crypto';

const DAY = 24 * 60 * 60 * 1000;
const SESSION_LIFETIME = 30 * DAY;
/** SE2: a session used in its second half gets a fresh 30 days. */
const RENEW_WITHIN = 15 * DAY;
/** SE3: however often it is used, a session ends 90 days after sign-in (ASVS 3.3). */
export const SESSION_ABSOLUTE_LIFETIME = 90 * DAY;
export const SESSION_COOKIE = 'session';
/**
 * SE6: under https the cookie carries the `__Host-` prefix, so the browser accepts it
 * only with Secure, Path=/ and no Domain: a sibling subdomain cannot plant or shadow it.
 * Plain http (development, the test server) cannot use the prefix.
 */
export const SECURE_SESSION_COOKIE = '__Host-session';

export function sessionCookieName(url: URL): string {
	return url.protocol === 'https:' ? SECURE_SESSION_COOKIE : SESSION_COOKIE;
}

/** A renewal gives 30 more days, but never past the absolute end (SE3). */
function nextExpiry(createdAt: Date, now: number): Date {
	return new Date(Math.min(now + SESSION_LIFETIME, createdAt.getTime() + SESSION_ABSOLUTE_LIFETIME));
}

export type SessionUser = Pick<typeof users.$inferSelect, 'id' | 'email' | 'emailVerified' | 'name' | 'locale'>;
type SessionRow = typeof sessions.$inferSelect;
/** A session row; `authenticatedWith` may be absent on sessions built by hand (read as 'password'). */
export type Session = Omit<SessionRow, 'authenticatedWith'> & Partial<Pick<SessionRow, 'authenticatedWith'>>;

export interface SessionValidation {
	session: Session | null;
	user: SessionUser | null;
}

/** AU6: how long the password step of a sign-in waits for the second factor. */
const TWO_FACTOR_PENDING_LIFETIME = 10 * 60 * 1000;

/**
 * A new session. With `twoFactorPending` it only lets its holder enter the second
 * factor (hooks/session.ts signs nobody in with it) and lasts ten minutes.
 */
export async function createSession(
	userId: string,
	options: { twoFactorPending?: boolean; authenticatedWith?: AuthenticationMethod } = {}
): Promise<{ token: string; session: Session }> {
	const token = generateToken();
	const now = new Date();
	const twoFactorPending = options.twoFactorPending ?? false;
	const session: Session = {
		id: hashSecret(token),
		userId,
		expiresAt: new Date(now.getTime() + (twoFactorPending ? TWO_FACTOR_PENDING_LIFETIME : SESSION_LIFETIME)),
		authenticatedAt: now,
		authenticatedWith: options.authenticatedWith ?? 'password',
		twoFactorPending,
		createdAt: now
	};
	await db().insert(sessions).values(session);
	return { token, session };
}

export async function validateSessionToken(token: string): Promise<SessionValidation> {
	const id = hashSecret(token);
	const [row] = await db()
		.select({
			session: sessions,
			user: { id: users.id, email: users.email, emailVerified: users.emailVerified, name: users.name, locale: users.locale }
		})
		.from(sessions)
		.innerJoin(users, eq(users.id, sessions.userId))
		.where(eq(sessions.id, id));
	if (!row) return { session: null, user: null };
	const { session, user } = row;
	const now = Date.now();
	if (now >= session.expiresAt.getTime() || now >= session.createdAt.getTime() + SESSION_ABSOLUTE_LIFETIME) {
		await db().delete(sessions).where(eq(sessions.id, id));
		return { session: null, user: null };
	}
	const renewed = nextExpiry(session.createdAt, now);
	if (!session.twoFactorPending && now >= session.expiresAt.getTime() - RENEW_WITHIN && renewed.getTime() > session.expiresAt.getTime()) {
		session.expiresAt = renewed;
		await db().update(sessions).set({ expiresAt: session.expiresAt }).where(eq(sessions.id, id));
	}
	return { session, user };
}

export async function invalidateSession(sessionId: string): Promise<void> {
	await db().delete(sessions).where(eq(sessions.id, sessionId));
}

/** SE4: ends every session of the user, or all but the one given. */
export async function invalidateUserSessions(userId: string, except?: string): Promise<void> {
	const condition = except ? and(eq(sessions.userId, userId), ne(sessions.id, except)) : eq(sessions.userId, userId);
	await db().delete(sessions).where(condition);
}

export async function deleteExpiredSessions(): Promise<void> {
	await db().delete(sessions).where(lt(sessions.expiresAt, new Date()));
}

/** How a person proved it was them; a signature records it. */
export type AuthenticationMethod = 'password' | 'totp' | 'recovery_code';

/** AU8: records that the password (or a second-factor code) was entered again in this session. */
export async function markSessionAuthenticated(sessionId: string, method: AuthenticationMethod = 'password'): Promise<void> {
	await db().update(sessions).set({ authenticatedAt: new Date(), authenticatedWith: method }).where(eq(sessions.id, sessionId));
}

function isLocalhost(url: URL): boolean {
	return url.hostname === 'localhost' || url.hostname === '127.0.0.1' || url.hostname === '[::1]';
}

/** SE6: HttpOnly, SameSite=Lax, Path=/, Secure except on localhost; `__Host-` under https. */
export function setSessionCookie(cookies: Cookies, url: URL, token: string, expiresAt: Date): void {
	cookies.set(sessionCookieName(url), token, {
		httpOnly: true,
		sameSite: 'lax',
		path: '/',
		secure: !isLocalhost(url),
		expires: expiresAt
	});
}

export function deleteSessionCookie(cookies: Cookies, url: URL): void {
	cookies.delete(sessionCookieName(url), { httpOnly: true, sameSite: 'lax', path: '/', secure: !isLocalhost(url) });
}
