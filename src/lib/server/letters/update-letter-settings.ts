import { eq } from 'drizzle-orm';
import { db } from '../db';
import { letters } from '../db/schema';
import { AppError } from '../errors';
import { appendAuditEvent } from '../audit/append-audit-event';
import { loadLetterFor } from './access';

export interface LetterSettings {
	primaryLanguage: string;
	place: string | null;
	letterDate: string | null;
	dateFormat: (typeof letters.$inferSelect)['dateFormat'];
	visibility: (typeof letters.$inferSelect)['visibility'];
	ordering: (typeof letters.$inferSelect)['ordering'];
	initiatorsFirst: boolean;
}

/** Coordinators change the settings of a draft. The primary language is fixed once a letter exists. */
export async function updateLetterSettings(options: {
	actor: { id: string };
	letterId: string;
	settings: Omit<LetterSettings, 'primaryLanguage'>;
}): Promise<void> {
	const { letter } = await loadLetterFor('manage', options.letterId, options.actor.id);
	if (letter.state !== 'draft') throw new AppError('conflict', 'Settings can only change while the letter is a draft.');
	await db().transaction(async (tx) => {
		await tx
			.update(letters)
			.set({ ...options.settings, updatedAt: new Date() })
			.where(eq(letters.id, letter.id));
		await appendAuditEvent(tx, {
			chainId: letter.id,
			type: 'letter.updated',
			actorId: options.actor.id,
			data: { ...options.settings }
		});
	});
}
