import { error } from '@sveltejs/kit';
import { eq } from 'drizzle-orm';
import type { Executor } from '../db';
import { db } from '../db';
import { users } from '../db/schema';
import { settings } from '../env';
import { m } from '$lib/paraglide/messages.js';

/**
 * AV6: instance administrators are the accounts whose confirmed address is listed in
 * INSTANCE_ADMIN_EMAILS. Read from the account row at the time of the request (AZ7),
 * so an address that changes or is not confirmed stops counting at once.
 */
export async function isInstanceAdmin(userId: string, executor: Executor = db()): Promise<boolean> {
	const admins = settings().instanceAdminEmails;
	if (admins.length === 0) return false;
	const [user] = await executor.select({ email: users.email, emailVerified: users.emailVerified }).from(users).where(eq(users.id, userId));
	return Boolean(user?.emailVerified && admins.includes(user.email.toLowerCase()));
}

/** For loads and actions of /admin: anyone who is not an instance administrator gets the same 404 as a page that does not exist. */
export async function requireInstanceAdmin(user: { id: string } | null): Promise<void> {
	if (!user || !(await isInstanceAdmin(user.id))) error(404, m.coal_not_found());
}
