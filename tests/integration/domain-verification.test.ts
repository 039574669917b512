import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { DATABASE_KIND, resetDatabase } from '../helpers/database';
import { startTestApp, pageText, type TestApp, type TestClient } from '../helpers/app';
import { createOrganisationWith, createUser, signedInClient } from '../helpers/factories';
import { db } from '../../src/lib/server/db';
import { auditEvents, domainChallenges, memberships, organisations } from '../../src/lib/server/db/schema';
import { AppError } from '../../src/lib/server/errors';
import { parseSettings } from '../../src/lib/server/env';
import { websiteDomain } from '../../src/lib/server/organisations/domain/website-domain';
import { fetchWellKnownFile, isAllowedAddress, MAX_BODY_BYTES, type WellKnownTransport } from '../../src/lib/server/organisations/domain/fetch-well-known';
import { createWellKnownToken, wellKnownLine } from '../../src/lib/server/organisations/domain/create-well-known-token';
import { checkWellKnownToken } from '../../src/lib/server/organisations/domain/check-well-known-token';
import { hashDomainCode } from '../../src/lib/server/organisations/domain/send-domain-code';

let app: TestApp;

/** An HTTP server inside the test, answering the token file as each test wants. */
let handler: http.RequestListener = (_req, res) => res.end();
let site: http.Server;
let port: number;
/** Tests only: http and loopback allowed, as DOMAIN_CHECK_ALLOW_INSECURE=true allows. */
const insecure: WellKnownTransport = { allowInsecure: true, timeoutMs: 1500 };

beforeAll(async () => {
	app = await startTestApp();
	site = http.createServer((req, res) => handler(req, res));
	await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve));
	port = (site.address() as AddressInfo).port;
});

afterAll(async () => {
	site.closeAllConnections();
	await new Promise((resolve) => site.close(resolve));
});

beforeEach(async () => {
	await resetDatabase();
	app.mail.clear();
	handler = (_req, res) => {
		res.statusCode = 404;
		res.end();
	};
});

async function ownerScene(website = 'https://www.Example-NGO.org/about') {
	const owner = await createUser({ name: 'Owner Oyun' });
	const signatory = await createUser({ name: 'Signatory Sara' });
	const org = await createOrganisationWith([
		{ userId: owner.id, role: 'owner' },
		{ userId: signatory.id, role: 'signatory' }
	]);
	await db().update(organisations).set({ website }).where(eq(organisations.id, org.id));
	return { owner, signatory, org, client: await signedInClient(app, owner.email) };
}

async function verifiedDomain(organisationId: string) {
	const [row] = await db().select({ domain: organisations.verifiedDomain }).from(organisations).where(eq(organisations.id, organisationId));
	return row?.domain ?? null;
}

async function auditTypes(organisationId: string) {
	const rows = await db().select({ type: auditEvents.type, data: auditEvents.data }).from(auditEvents).where(eq(auditEvents.chainId, organisationId)).orderBy(auditEvents.seq);
	return rows;
}

function codeOf(text: string): string {
	const match = /Your code: (\d{8})/.exec(text);
	if (!match?.[1]) throw new Error(`no code in ${text}`);
	return match[1];
}

async function requestCode(client: TestClient, orgId: string, localPart = 'info') {
	const sent = await client.post(`/organisations/${orgId}/domain?/send`, { localPart });
	expect(sent.status).toBe(303);
	return codeOf((await app.mail.waitFor(`${localPart}@example-ngo.org`, /Code to verify example-ngo\.org/)).text);
}

describe('the domain of a website', () => {
	it.each([
		['https://Example.ORG/path', 'example.org'],
		['https://www.example.org', 'example.org'],
		['https://пример.рф/', 'xn--e1afmkfd.xn--p1ai'],
		['https://sub.example.org:8443/', 'sub.example.org']
	])('%s gives %s', (website, domain) => {
		expect(websiteDomain(website)).toBe(domain);
	});

	it.each(['https://10.0.0.1/', 'https://[::1]/', 'https://intranet/', 'https://localhost:3000/', '', 'not a url'])('refuses %j', (website) => {
		expect(() => websiteDomain(website)).toThrow(AppError);
	});

	it('refuses addresses that are not public', () => {
		for (const address of ['10.1.2.3', '172.16.0.1', '192.168.1.1', '169.254.169.254', '0.0.0.0', '224.0.0.1', 'fe80::1', 'fd00::1', '::ffff:10.0.0.1', '::']) {
			expect(isAllowedAddress(address, { allowLoopback: true }), address).toBe(false);
		}
		expect(isAllowedAddress('127.0.0.1', { allowLoopback: false })).toBe(false);
		expect(isAllowedAddress('::1', { allowLoopback: false })).toBe(false);
		expect(isAllowedAddress('127.0.0.1', { allowLoopback: true })).toBe(true);
		expect(isAllowedAddress('93.184.216.34', { allowLoopback: false })).toBe(true);
		expect(isAllowedAddress('2606:2800:220:1::1', { allowLoopback: false })).toBe(true);
	});

	it('the insecure test setting is refused in production', () => {
		expect(parseSettings({ DOMAIN_CHECK_ALLOW_INSECURE: 'true' }).domainCheckAllowInsecure).toBe(true);
		expect(parseSettings({}).domainCheckAllowInsecure).toBe(false);
		expect(() => parseSettings({ DOMAIN_CHECK_ALLOW_INSECURE: 'true', NODE_ENV: 'production' })).toThrow(/for tests only/);
	});
});

describe('fetching the token file (an HTTP server inside the test)', () => {
	const domain = () => `localhost:${port}`;

	it('reads the file', async () => {
		handler = (req, res) => res.end(req.url === '/.well-known/undersigned.txt' ? 'hello\n' : 'wrong path');
		expect(await fetchWellKnownFile(domain(), insecure)).toEqual({ ok: true, body: 'hello\n' });
	});

	it('stops reading beyond 4 KiB', async () => {
		let written = 0;
		handler = (_req, res) => {
			res.write('x'.repeat(MAX_BODY_BYTES));
			written += MAX_BODY_BYTES;
			// A server that would go on for ever: the client must hang up.
			const more = setInterval(() => {
				if (!res.write('y'.repeat(1024))) return;
				written += 1024;
				if (written > 1024 * 1024) clearInterval(more);
			}, 1);
			res.on('close', () => clearInterval(more));
		};
		const result = await fetchWellKnownFile(domain(), insecure);
		expect(result).toEqual({ ok: false, reason: 'the file is larger than 4 KiB' });
		expect(written).toBeLessThan(1024 * 1024);
	});

	it('gives up on a slow server within the time limit', async () => {
		handler = (_req, res) => {
			res.write('undersigned');
			// Never ends the body.
			void res;
		};
		const started = Date.now();
		const result = await fetchWellKnownFile(domain(), { ...insecure, timeoutMs: 800 });
		expect(result.ok).toBe(false);
		expect(!result.ok && result.reason).toMatch(/did not answer within/);
		expect(Date.now() - started).toBeLessThan(3000);
	});

	it('refuses a redirect to another host, or to a private address', async () => {
		for (const location of ['https://evil.example/.well-known/undersigned.txt', 'http://10.0.0.5/.well-known/undersigned.txt', `http://127.0.0.1:${port}/x`]) {
			handler = (_req, res) => {
				res.writeHead(302, { location });
				res.end();
			};
			expect(await fetchWellKnownFile(domain(), insecure), location).toEqual({ ok: false, reason: 'the server redirected to another host' });
		}
	});

	it('follows at most two redirects on the same host', async () => {
		let hops = 0;
		handler = (req, res) => {
			if (req.url === '/final') return res.end('ok');
			hops += 1;
			res.writeHead(301, { location: hops < 2 ? '/again' : '/final' });
			res.end();
		};
		expect(await fetchWellKnownFile(domain(), insecure)).toEqual({ ok: true, body: 'ok' });
		hops = -5;
		expect(await fetchWellKnownFile(domain(), insecure)).toEqual({ ok: false, reason: 'the server redirected too many times' });
	});

	it('refuses a host that resolves to a private address, and loopback outside tests', async () => {
		let connected = false;
		handler = (_req, res) => {
			connected = true;
			res.end('x');
		};
		const privateDns: WellKnownTransport = { ...insecure, resolve: async () => [{ address: '10.0.0.7', family: 4 }] };
		expect(await fetchWellKnownFile('intranet.example.org', privateDns)).toEqual({ ok: false, reason: 'the domain points to a private or local network address' });
		// One private answer among public ones is enough to refuse (no DNS mixing).
		const mixed: WellKnownTransport = { ...insecure, resolve: async () => [{ address: '93.184.216.34', family: 4 }, { address: '192.168.0.1', family: 4 }] };
		expect((await fetchWellKnownFile('mixed.example.org', mixed)).ok).toBe(false);
		// Without the test setting, this very server on loopback is refused.
		const production: WellKnownTransport = { allowInsecure: false, timeoutMs: 1500, resolve: async () => [{ address: '127.0.0.1', family: 4 }] };
		expect(await fetchWellKnownFile('example-ngo.org', production)).toEqual({ ok: false, reason: 'the domain points to a private or local network address' });
		expect(connected).toBe(false);
	});

	it('reports a status other than 200', async () => {
		handler = (_req, res) => {
			res.statusCode = 404;
			res.end('undersigned-verification=anything');
		};
		expect(await fetchWellKnownFile(domain(), insecure)).toEqual({ ok: false, reason: 'the server answered 404 instead of 200' });
	});
});

describe(`verifying by the token file (${DATABASE_KIND})`, () => {
	async function sceneWithToken() {
		const scene = await ownerScene(`http://localhost:${port}/`);
		await createWellKnownToken({ actor: scene.owner, organisationId: scene.org.id, allowInsecure: true });
		const [challenge] = await db().select().from(domainChallenges).where(eq(domainChallenges.organisationId, scene.org.id));
		return { ...scene, line: wellKnownLine(scene.org.id, challenge!.token!) };
	}

	it('a published token verifies the domain, and the audit records it', async () => {
		const { owner, org, line } = await sceneWithToken();
		handler = (_req, res) => res.end(`# other lines\n${line}\n`);
		expect(await checkWellKnownToken({ actor: owner, organisationId: org.id, transport: insecure })).toEqual({ domain: `localhost:${port}` });
		expect(await verifiedDomain(org.id)).toBe(`localhost:${port}`);
		expect((await auditTypes(org.id)).map((e) => e.type)).toEqual(['organisation.domain_verified']);
		expect(await db().select().from(domainChallenges).where(eq(domainChallenges.organisationId, org.id))).toHaveLength(0);
	});

	it('a wrong token, an oversize file or a non-200 answer verifies nothing', async () => {
		const { owner, org, line } = await sceneWithToken();
		for (const serve of [
			// The token's last character changed (to 'y' when it already is 'x': one token in 32).
			(res: http.ServerResponse) => res.end(line.slice(0, -1) + (line.endsWith('x') ? 'y' : 'x')),
			(res: http.ServerResponse) => res.end(`${'#'.repeat(MAX_BODY_BYTES)}\n${line}\n`),
			(res: http.ServerResponse) => {
				res.statusCode = 500;
				res.end(line);
			}
		]) {
			handler = (_req, res) => serve(res);
			await expect(checkWellKnownToken({ actor: owner, organisationId: org.id, transport: insecure })).rejects.toThrow(AppError);
		}
		expect(await verifiedDomain(org.id)).toBeNull();
		expect(await auditTypes(org.id)).toHaveLength(0);
	});

	it('only an owner may make or check a token', async () => {
		const { signatory, org, line } = await sceneWithToken();
		handler = (_req, res) => res.end(line);
		const stranger = await createUser();
		await expect(checkWellKnownToken({ actor: signatory, organisationId: org.id, transport: insecure })).rejects.toMatchObject({ code: 'forbidden' });
		await expect(checkWellKnownToken({ actor: stranger, organisationId: org.id, transport: insecure })).rejects.toMatchObject({ code: 'not_found' });
		await expect(createWellKnownToken({ actor: signatory, organisationId: org.id, allowInsecure: true })).rejects.toMatchObject({ code: 'forbidden' });
		expect(await verifiedDomain(org.id)).toBeNull();
	});

	it('a token made for the old website proves nothing once the website changed', async () => {
		const { owner, client, org, line } = await sceneWithToken();
		handler = (_req, res) => res.end(line);
		await db().update(organisations).set({ website: 'https://other.example.org' }).where(eq(organisations.id, org.id));
		await expect(checkWellKnownToken({ actor: owner, organisationId: org.id, transport: insecure })).rejects.toMatchObject({ code: 'conflict' });
		expect(await verifiedDomain(org.id)).toBeNull();
		void client;
	});
});

describe(`verifying by a code sent by mail (${DATABASE_KIND})`, () => {
	it('the right code verifies the domain; the badge shows on the organisation page; the code is stored hashed', async () => {
		const { client, org } = await ownerScene();
		const code = await requestCode(client, org.id);
		const [challenge] = await db().select().from(domainChallenges).where(eq(domainChallenges.organisationId, org.id));
		expect(challenge!.codeHash).toBe(hashDomainCode(challenge!.id, code));
		expect(JSON.stringify(challenge)).not.toContain(code);
		const confirmed = await client.post(`/organisations/${org.id}/domain?/confirm`, { code });
		expect(confirmed.status).toBe(303);
		expect(await verifiedDomain(org.id)).toBe('example-ngo.org');
		expect(pageText((await client.get(`/organisations/${org.id}`)).text)).toContain('example-ngo.org verified');
		expect((await auditTypes(org.id)).map((e) => [e.type, e.data.method])).toEqual([['organisation.domain_verified', 'email_code']]);
		// Used once.
		expect((await client.post(`/organisations/${org.id}/domain?/confirm`, { code })).status).toBe(400);
	});

	it('a wrong code is refused, and five wrong tries end the code', async () => {
		const { client, org } = await ownerScene();
		const code = await requestCode(client, org.id);
		const wrong = code === '00000000' ? '11111111' : '00000000';
		const first = await client.post(`/organisations/${org.id}/domain?/confirm`, { code: wrong });
		expect(first.status).toBe(400);
		expect(pageText(first.text)).toContain('4 tries left');
		for (let i = 0; i < 4; i++) expect((await client.post(`/organisations/${org.id}/domain?/confirm`, { code: wrong })).status).toBe(400);
		const late = await client.post(`/organisations/${org.id}/domain?/confirm`, { code });
		expect(late.status).toBe(400);
		expect(pageText(late.text)).toContain('Too many wrong tries');
		expect(await verifiedDomain(org.id)).toBeNull();
	});

	it('an expired code is refused', async () => {
		const { client, org } = await ownerScene();
		const code = await requestCode(client, org.id);
		await db().update(domainChallenges).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(domainChallenges.organisationId, org.id));
		const late = await client.post(`/organisations/${org.id}/domain?/confirm`, { code });
		expect(late.status).toBe(400);
		expect(pageText(late.text)).toContain('That code has expired');
		expect(await verifiedDomain(org.id)).toBeNull();
	});

	it('codes are throttled per organisation', async () => {
		const { client, org } = await ownerScene();
		for (let i = 0; i < 3; i++) expect((await client.post(`/organisations/${org.id}/domain?/send`, { localPart: 'info' })).status).toBe(303);
		const fourth = await client.post(`/organisations/${org.id}/domain?/send`, { localPart: 'info' });
		expect(fourth.status).toBe(429);
		expect(fourth.headers.get('retry-after')).toMatch(/^\d+$/);
	});

	it('the address must be on the domain itself; the form keeps what was typed', async () => {
		const { client, org } = await ownerScene();
		const bad = await client.post(`/organisations/${org.id}/domain?/send`, { localPart: 'me@evil.example' });
		expect(bad.status).toBe(400);
		expect(bad.text).toContain('value="me@evil.example"');
		expect(app.mail.messages).toHaveLength(0);
	});

	it('a signatory, a stranger and a removed owner may not send or confirm codes', async () => {
		const { owner, signatory, client, org } = await ownerScene();
		const code = await requestCode(client, org.id);
		const asSignatory = await signedInClient(app, signatory.email);
		expect((await asSignatory.post(`/organisations/${org.id}/domain?/send`, { localPart: 'info' })).status).toBe(403);
		expect((await asSignatory.post(`/organisations/${org.id}/domain?/confirm`, { code })).status).toBe(403);
		expect((await asSignatory.get(`/organisations/${org.id}/domain`)).status).toBe(403);
		const stranger = await signedInClient(app, (await createUser()).email);
		expect((await stranger.post(`/organisations/${org.id}/domain?/confirm`, { code })).status).toBe(404);
		// The owner is removed (another owner remains); their open page's form is stale.
		const other = await createUser();
		await db().insert(memberships).values({ organisationId: org.id, userId: other.id, role: 'owner' });
		await db().delete(memberships).where(and(eq(memberships.organisationId, org.id), eq(memberships.userId, owner.id)));
		expect((await client.post(`/organisations/${org.id}/domain?/confirm`, { code })).status).toBe(404);
		expect(await verifiedDomain(org.id)).toBeNull();
	});

	it('a code for the old website is refused after the website changed (stale form)', async () => {
		const { client, org } = await ownerScene();
		const code = await requestCode(client, org.id);
		await db().update(organisations).set({ website: 'https://another.example.org' }).where(eq(organisations.id, org.id));
		const stale = await client.post(`/organisations/${org.id}/domain?/confirm`, { code });
		expect(stale.status).toBe(409);
		expect(await verifiedDomain(org.id)).toBeNull();
	});

	it('changing the website to another domain removes the badge at once, audited; the same domain keeps it', async () => {
		const { client, org } = await ownerScene();
		const code = await requestCode(client, org.id);
		expect((await client.post(`/organisations/${org.id}/domain?/confirm`, { code })).status).toBe(303);
		const edit = (website: string) => client.post(`/organisations/${org.id}/edit`, { displayName: 'Test Organisation', country: 'SE', website });
		expect((await edit('https://example-ngo.org/new-page')).status).toBe(303);
		expect(await verifiedDomain(org.id)).toBe('example-ngo.org');
		expect((await edit('https://elsewhere.example.net')).status).toBe(303);
		expect(await verifiedDomain(org.id)).toBeNull();
		expect(pageText((await client.get(`/organisations/${org.id}`)).text)).not.toContain('verified');
		const events = await auditTypes(org.id);
		expect(events.map((e) => e.type)).toEqual(['organisation.domain_verified', 'organisation.domain_verification_removed']);
		expect(events[1]!.data).toMatchObject({ domain: 'example-ngo.org', reason: 'website_changed' });
	});

	it('__data.json shows no code, hash or token to anyone, and the token only to owners', async () => {
		const { owner, signatory, client, org } = await ownerScene();
		const code = await requestCode(client, org.id);
		await createWellKnownToken({ actor: owner, organisationId: org.id });
		const [file] = await db().select().from(domainChallenges).where(and(eq(domainChallenges.organisationId, org.id), eq(domainChallenges.method, 'well_known_file')));
		const [mailed] = await db().select().from(domainChallenges).where(and(eq(domainChallenges.organisationId, org.id), eq(domainChallenges.method, 'email_code')));
		const asSignatory = await signedInClient(app, signatory.email);
		const ownerData = (await client.get(`/organisations/${org.id}/domain/__data.json`)).text;
		expect(ownerData).toContain(file!.token!);
		for (const body of [ownerData, (await client.get(`/organisations/${org.id}/__data.json`)).text]) {
			expect(body).not.toContain(code);
			expect(body).not.toContain(mailed!.codeHash!);
		}
		for (const path of [`/organisations/${org.id}/__data.json`, `/organisations/${org.id}/domain/__data.json`]) {
			const body = (await asSignatory.get(path)).text;
			expect(body).not.toContain(file!.token!);
			expect(body).not.toContain(code);
		}
	});
});
