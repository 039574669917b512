import { eq } from 'drizzle-orm';
import { letters } from '../db/schema';
import { AppError } from '../errors';
import { runCommand, type CommandContext } from '../commands/run-command';
import { requireMayActForOrganisation } from '../organisations/may-act-for-organisation';
import { loadLetterFor, type Letter } from './access';
import { LETTER_COMMANDS, mayRunInState, type LetterCommand, type LetterCommandRule } from './lifecycle';
import { m } from '$lib/paraglide/messages.js';

export interface LetterCommandOptions {
	command: LetterCommand;
	actor: { id: string };
	letterId: string;
	/** The organisation acted for, for commands done in an organisation's name. */
	organisationId?: string;
	/** For signature_author commands: who made the signature. */
	signatureAuthorId?: string | null;
	/** The message for a refused actor, when the command has a better one than the default. */
	forbidden?: string;
}

export interface LetterCommandContext extends CommandContext {
	/** The letter row as locked for this command. */
	letter: Letter;
	/** Appends this command's audit entry (type from the lifecycle table) to the letter's chain. */
	record(data: Record<string, unknown>): Promise<{ seq: number; hash: string }>;
	/** Moves the letter to the command's target state, with other columns that change with it. */
	moveLetter(changes?: Partial<typeof letters.$inferInsert>): Promise<void>;
}

/**
 * The command helper for letters: in one transaction, checks the actor as the
 * lifecycle table says, locks the letter row (FOR UPDATE for commands that change
 * it, FOR SHARE for those that only need its state to hold), checks the state, runs
 * the body, and commits; then the outbox is woken for the mail the body queued.
 */
export async function runLetterCommand<T>(options: LetterCommandOptions, body: (ctx: LetterCommandContext) => Promise<T>): Promise<T> {
	const rule: LetterCommandRule = LETTER_COMMANDS[options.command];
	if (options.letterId.length > 64) throw new AppError('not_found', m.letter_not_found());
	return runCommand(async (ctx) => {
		const { tx } = ctx;
		await authorise(rule, options, ctx);
		const [letter] = await tx
			.select()
			.from(letters)
			.where(eq(letters.id, options.letterId))
			.for(rule.lock === 'update' ? 'update' : 'share');
		if (!letter) throw new AppError('not_found', m.letter_not_found());
		if (!mayRunInState(options.command, letter.state)) throw new AppError('wrong_state', rule.refusal());
		let moved = false;
		const result = await body({
			...ctx,
			letter,
			record: (data) => ctx.audit({ chainId: letter.id, type: rule.audit, actorId: options.actor.id, data }),
			async moveLetter(changes = {}) {
				if (!rule.to) throw new Error(`${options.command} does not change the letter's state`);
				if (rule.lock !== 'update') throw new Error(`${options.command} must lock the letter FOR UPDATE to change it`);
				await tx
					.update(letters)
					.set({ updatedAt: new Date(), ...changes, state: rule.to })
					.where(eq(letters.id, letter.id));
				moved = true;
			}
		});
		if (rule.to && !moved) throw new Error(`${options.command} finished without moving the letter to ${rule.to}`);
		return result;
	});
}

async function authorise(rule: LetterCommandRule, options: LetterCommandOptions, { tx }: CommandContext) {
	switch (rule.who) {
		case 'coordinator':
			// AZ5: outside the coalition, the letter does not exist; inside it, 403.
			await loadLetterFor('manage', options.letterId, options.actor.id, tx);
			return;
		case 'organisation_signer':
		case 'organisation_owner':
			if (!options.organisationId) throw new Error('this command acts for an organisation: pass organisationId');
			await requireMayActForOrganisation(
				{ userId: options.actor.id, organisationId: options.organisationId, power: rule.who === 'organisation_owner' ? 'own' : 'sign', message: options.forbidden },
				tx
			);
			return;
		case 'signature_author':
			if (!options.signatureAuthorId || options.signatureAuthorId !== options.actor.id) {
				throw new AppError('forbidden', options.forbidden ?? m.letter_only_signer());
			}
			// AZ7, SE7: having signed is not enough; the signer must still hold signing
			// power in the organisation now (removed or demoted signers cannot act for it).
			if (!options.organisationId) throw new Error('this command acts for an organisation: pass organisationId');
			await requireMayActForOrganisation(
				{ userId: options.actor.id, organisationId: options.organisationId, power: 'sign', message: options.forbidden },
				tx
			);
	}
}
