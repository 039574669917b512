import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DATABASE_KIND, resetDatabase } from '../helpers/database';
import { startTestApp, pageText, type TestApp } from '../helpers/app';
import { createCoalitionScene, createOrganisationWith, createUser, signedInClient } from '../helpers/factories';
import { db } from '../../src/lib/server/db';
import { coalitionMembers } from '../../src/lib/server/db/schema';
import { addOwnOrganisation } from '../../src/lib/server/coalitions/add-own-organisation';
import { openSigning } from '../../src/lib/server/signing/open-signing';
import { signLetter } from '../../src/lib/server/signatures/sign-letter';
import { AppError } from '../../src/lib/server/errors';

let app: TestApp;
let scene: Awaited<ReturnType<typeof createCoalitionScene>>;

beforeAll(async () => {
	app = await startTestApp();
});

beforeEach(async () => {
	await resetDatabase();
	scene = await createCoalitionScene();
});

describe(`organisation names in one coalition or signatory list (IN3) on ${DATABASE_KIND}`, () => {
	it('refuses a member under the exact name of another, whatever the case and spacing', async () => {
		const twin = await createOrganisationWith([{ userId: scene.coordinator.id, role: 'owner' }], 'organisation  b');
		const error = await addOwnOrganisation({ actor: scene.coordinator, coalitionId: scene.coalitionId, organisationId: twin.id }).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(AppError);
		expect((error as AppError).message).toContain('already a member of this coalition');
	});

	it('lets a look-alike name join and shows it to coordinators on the coalition page', async () => {
		const lookAlike = await createOrganisationWith([{ userId: scene.coordinator.id, role: 'owner' }], 'Оrganisation B');
		await addOwnOrganisation({ actor: scene.coordinator, coalitionId: scene.coalitionId, organisationId: lookAlike.id });
		const page = pageText((await (await signedInClient(app, scene.coordinator.email)).get(`/coalitions/${scene.coalitionId}`)).text);
		expect(page).toContain('Names that look alike among the members');
		expect(page).toMatch(/Оrganisation B.*Organisation B.*look the same/s);
		const memberPage = pageText((await (await signedInClient(app, scene.member.email)).get(`/coalitions/${scene.coalitionId}`)).text);
		expect(memberPage).not.toContain('Names that look alike');
	});

	it('refuses a second signature under a name already on the signatory list', async () => {
		const { hash } = await openSigning({ actor: scene.coordinator, letterId: scene.letterId, deadlineAt: null, deadlineTimeZone: null });
		const signer = await createUser({ name: 'Twin Signer' });
		// Both joined before names were checked.
		const twin = await createOrganisationWith([{ userId: signer.id, role: 'signatory' }], 'Organisation B');
		await db().insert(coalitionMembers).values({ coalitionId: scene.coalitionId, organisationId: twin.id });
		const sign = (actor: { id: string }, organisationId: string) =>
			signLetter({
				actor,
				session: { id: 't', userId: actor.id, expiresAt: new Date(Date.now() + 1e9), authenticatedAt: new Date(), createdAt: new Date(), twoFactorPending: false },
				letterId: scene.letterId,
				organisationId,
				textHash: hash,
				signerTitle: null,
				signerNamePublic: false,
				statement: null,
				password: null,
				clientAddress: 'test',
				origin: app.origin
			});
		await sign(scene.signatory, scene.orgB.id);
		await expect(sign(signer, twin.id)).rejects.toThrow('already on the signatory list');
	});
});
