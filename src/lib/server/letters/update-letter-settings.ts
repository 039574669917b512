import { eq } from 'drizzle-orm';
import { letters } from '../db/schema';
import { runLetterCommand } from './run-letter-command';

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
	await runLetterCommand({ command: 'updateLetterSettings', actor: options.actor, letterId: options.letterId }, async (ctx) => {
		await ctx.tx
			.update(letters)
			.set({ ...options.settings, updatedAt: new Date() })
			.where(eq(letters.id, ctx.letter.id));
		await ctx.record({ ...options.settings });
	});
}
