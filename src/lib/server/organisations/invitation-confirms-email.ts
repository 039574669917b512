import { findInvitation } from './find-invitation';

/**
 * Sign-up through an invitation: if the new account's address is the one invited,
 * the invitation link proved the address, so the account is confirmed at once.
 */
export async function invitationConfirmsEmail(token: string, email: string): Promise<boolean> {
	try {
		const { invitation } = await findInvitation(token);
		return invitation.email === email;
	} catch {
		return false;
	}
}
