import { describe, expect, it } from 'vitest';
import { LETTER_COMMANDS, LETTER_STATES, mayRunInState, transitionsFrom, type LetterCommandRule } from '../../src/lib/server/letters/lifecycle';

const rules = Object.entries(LETTER_COMMANDS as Record<string, LetterCommandRule>);

describe('the letter lifecycle table', () => {
	it('has the four states, and every state but the first can be entered', () => {
		expect(LETTER_STATES).toEqual(['draft', 'open', 'closed', 'published']);
		const entered = new Set(rules.map(([, r]) => r.to).filter(Boolean));
		for (const state of LETTER_STATES.slice(1)) expect(entered.has(state), state).toBe(true);
	});

	it.each([
		['draft', ['open']],
		['open', ['closed']],
		['closed', ['open', 'published']],
		['published', ['open']]
	] as const)('from %s a letter can move to %j', (state, targets) => {
		expect(transitionsFrom(state).sort()).toEqual([...targets].sort());
	});

	it('commands that change the state lock the letter FOR UPDATE', () => {
		for (const [name, r] of rules) if (r.to) expect(r.lock, name).toBe('update');
	});

	it.each([
		['signLetter', 'open', true],
		['signLetter', 'closed', false],
		['withdrawSignature', 'closed', true],
		['withdrawSignature', 'published', false],
		['excludeSignature', 'open', false],
		['publishLetter', 'open', false],
		['publishLetter', 'closed', true],
		['updateLetterSettings', 'open', false],
		['queueDistribution', 'draft', false]
	] as const)('%s in a %s letter: %s', (command, state, allowed) => {
		expect(mayRunInState(command, state)).toBe(allowed);
	});

	it('signing and ending signatures never wait for each other: they hold the letter FOR SHARE', () => {
		for (const name of ['signLetter', 'reconfirmSignature', 'withdrawSignature', 'revokeSignature'] as const) {
			expect(LETTER_COMMANDS[name].lock, name).toBe('share');
		}
	});

	/*
	 * sign-letter.ts follows its row by hand, to lock the letter and read what it
	 * checks in one statement (issue 9, point 8): it checks signing power (owner or
	 * signatory) inside the transaction, holds the letter FOR SHARE, leaves the state
	 * alone and checks it with mayRunInState. If this row changes, that file must too.
	 */
	it('the signLetter row is the one sign-letter.ts follows by hand', () => {
		const signLetter: LetterCommandRule = LETTER_COMMANDS.signLetter;
		expect({ from: signLetter.from, who: signLetter.who, lock: signLetter.lock, to: signLetter.to, audit: signLetter.audit }).toEqual({
			from: ['open'],
			who: 'organisation_signer',
			lock: 'share',
			to: undefined,
			audit: 'signature.added'
		});
	});
});
