import { users } from '../db/schema';
import { generateId } from '../crypto';
import { consumeRateLimit, LIMITS } from './rate-limit';
import { hashPassword } from './password';
import { findUserByEmail } from './users';
import { startEmailVerification } from './email-verification';
import { alreadyRegisteredMail } from '../mail/templates';
import { ownRequestLocale } from '../mail/reader-locale';
import { runCommand } from '../commands/run-command';
import { invitationConfirmsEmail } from '../organisations/invitation-confirms-email';
import { assertPrintable } from '../pdf/printable';

export interface SignUpInput {
	name: string;
	email: string;
	password: string;
	redirectTo: string;
	/** An organisation invitation the person followed here, if any. */
	invitationToken?: string;
	clientAddress: string;
	origin: string;
}

/**
 * Creates an unconfirmed account and mails a confirmation. AU1: for an address that
 * already has an account, the answer is the same (a verification id that matches no
 * row, and the same work), and the owner of the address is told by mail instead.
 */
export async function signUp(
	input: SignUpInput
): Promise<{ verificationId: string; userId?: string; confirmedByInvitation?: boolean }> {
	await consumeRateLimit(`signup:address:${input.clientAddress}`, LIMITS.signUpPerAddress);
	assertPrintable(input.name);
	// Hash first in both branches so both take the same time.
	const passwordHash = await hashPassword(input.password);
	const existing = await findUserByEmail(input.email);
	if (existing) {
		await runCommand((ctx) =>
			ctx.queueMail({ kind: 'already_registered', message: alreadyRegisteredMail(input.email, `${input.origin}/sign-in`, `${input.origin}/forgot-password`, ownRequestLocale(existing.locale)) })
		);
		return { verificationId: generateId() };
	}
	const userId = generateId();
	const confirmedByInvitation = input.invitationToken
		? await invitationConfirmsEmail(input.invitationToken, input.email)
		: false;
	return runCommand(async (ctx) => {
		const created = await ctx.tx
			.insert(users)
			.values({ id: userId, email: input.email, name: input.name, passwordHash, emailVerified: confirmedByInvitation })
			.onConflictDoNothing({ target: users.email })
			.returning({ id: users.id });
		if (created.length === 0) return { verificationId: generateId() };
		if (confirmedByInvitation) return { verificationId: generateId(), userId, confirmedByInvitation };
		const { id } = await startEmailVerification(
			{ user: { id: userId, name: input.name }, email: input.email, redirectTo: input.redirectTo, origin: input.origin },
			ctx
		);
		return { verificationId: id, userId };
	});
}
