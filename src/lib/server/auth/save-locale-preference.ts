import { eq } from 'drizzle-orm';
import { db } from '../db';
import { users } from '../db/schema';
import type { Locale } from '$lib/i18n/locales';

/** The interface language a person chose: their pages and the mail sent to them follow it (issue 14). */
export async function saveLocalePreference(userId: string, locale: Locale): Promise<void> {
	await db().update(users).set({ locale }).where(eq(users.id, userId));
}
