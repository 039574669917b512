import type { Actions, PageServerLoad } from './$types';
import { disableSecondFactorForm, totpCodeForm } from '$lib/validation/auth';
import {
	confirmTotpEnrolment,
	countUnusedRecoveryCodes,
	disableSecondFactor,
	regenerateRecoveryCodes,
	findTotpEnrolment,
	hasSecondFactor,
	startTotpEnrolment
} from '$lib/server/auth/two-factor';
import { confirmPassword } from '$lib/server/auth/step-up';
import { AppError } from '$lib/server/errors';
import { clientAddress, requireVerifiedUser } from '$lib/server/http';
import { done, formAction } from '$lib/server/form-action';
import { emptyForm } from '$lib/validation/form';
import { m } from '$lib/paraglide/messages.js';

export const load = (async (event) => {
	const { user } = requireVerifiedUser(event);
	const enabled = await hasSecondFactor(user.id);
	return {
		enabled,
		enrolment: enabled ? null : await findTotpEnrolment(user),
		unusedRecoveryCodes: enabled ? await countUnusedRecoveryCodes(user.id) : 0
	};
}) satisfies PageServerLoad;

export const actions = {
	start: formAction('start', emptyForm, async ({ user, event }) => {
		await startTotpEnrolment(user.id);
		done(event, 'started');
	}),
	confirm: formAction('confirm', totpCodeForm, async ({ user, session, data, event }) => {
		const recoveryCodes = await confirmTotpEnrolment({ userId: user.id, sessionId: session.id, code: data.code, clientAddress: clientAddress(event) });
		// Shown once, in this answer; only their hashes are kept.
		return { recoveryCodes };
	}),
	disable: formAction('disable', disableSecondFactorForm, async ({ user, session, data, event }) => {
		// AU8: turning it off needs the password, or a current code, entered now.
		if (!data.password) throw new AppError('step_up_required', m.auth_two_factor_disable_needs_password(), { field: 'password' });
		await confirmPassword({ userId: user.id, session, password: data.password, clientAddress: clientAddress(event) });
		await disableSecondFactor(user.id);
		done(event, 'disabled');
	}),
	regenerate: formAction('regenerate', disableSecondFactorForm, async ({ user, session, data, event }) => {
		// AU8: whoever holds a forgotten open session must not get fresh codes without the password or a code.
		if (!data.password) throw new AppError('step_up_required', m.auth_two_factor_regenerate_needs_password(), { field: 'password' });
		await confirmPassword({ userId: user.id, session, password: data.password, clientAddress: clientAddress(event) });
		// Shown once, in this answer; only their hashes are kept.
		return { recoveryCodes: await regenerateRecoveryCodes(user.id) };
	})
} satisfies Actions;
