import { hash, verify } from '@node-rs/argon2';

// AU3: argon2id with the OWASP minimum (19 MiB, t=2, p=1). Algorithm 2 is argon2id.
const OPTIONS = { algorithm: 2, memoryCost: 19456, timeCost: 2, parallelism: 1, outputLen: 32 } as const;

export function hashPassword(password: string): Promise<string> {
	return hash(password, OPTIONS);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
	try {
		return await verify(passwordHash, password);
	} catch {
		return false;
	}
}

let dummyHash: Promise<string> | undefined;

/** AU1: spend the same time on unknown accounts as on known ones. */
export async function verifyAgainstDummy(password: string): Promise<false> {
	dummyHash ??= hashPassword('undersigned-dummy-password');
	await verifyPassword(await dummyHash, password);
	return false;
}

export { checkPasswordStrength } from '$lib/validation/password';
