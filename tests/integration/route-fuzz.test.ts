import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { DATABASE_KIND, resetDatabase } from '../helpers/database';
import { startTestApp, TestClient, type TestApp } from '../helpers/app';
import { createCoalitionScene, signedInClient } from '../helpers/factories';
import { db } from '../../src/lib/server/db';

/*
 * IN1, IN5 and issue 11.2: every route and every form action, found by walking
 * src/routes, gets hostile input (NUL bytes, lone surrogates, overlong values, missing
 * and repeated fields, values of the wrong type) from a signed-in coordinator and from
 * a stranger. Nothing may answer 5xx, and the refused kinds (NUL, surrogates) may not
 * change a single row.
 */

const ROUTES = path.resolve('src/routes');

interface Route {
	/** e.g. letters/[id=id]/signatures/[signatureId=id] */
	id: string;
	page: boolean;
	actions: string[];
}

function walk(dir: string, found: Route[] = []): Route[] {
	const files = fs.readdirSync(dir, { withFileTypes: true });
	const id = path.relative(ROUTES, dir).split(path.sep).join('/');
	const pageServer = path.join(dir, '+page.server.ts');
	const actions: string[] = [];
	if (fs.existsSync(pageServer)) {
		const source = fs.readFileSync(pageServer, 'utf8');
		const block = source.slice(source.indexOf('export const actions'));
		if (source.includes('export const actions')) {
			for (const match of block.matchAll(/^\t([A-Za-z]+): (?:formAction\(|async)/gm)) actions.push(match[1]!);
		}
	}
	const hasPage = files.some((f) => f.name === '+page.svelte' || f.name === '+page.server.ts' || f.name === '+server.ts');
	if (hasPage) found.push({ id, page: true, actions });
	for (const f of files) if (f.isDirectory()) walk(path.join(dir, f.name), found);
	return found;
}

/** Every field name a form of ours posts, from the pages and components. */
function fieldNames(): string[] {
	const names = new Set<string>();
	const visit = (dir: string) => {
		for (const f of fs.readdirSync(dir, { withFileTypes: true })) {
			const full = path.join(dir, f.name);
			if (f.isDirectory()) visit(full);
			else if (f.name.endsWith('.svelte')) for (const m of fs.readFileSync(full, 'utf8').matchAll(/\bname="([A-Za-z]+)"/g)) names.add(m[1]!);
		}
	};
	visit(ROUTES);
	visit(path.resolve('src/lib/components'));
	names.delete('robots');
	return [...names].sort();
}

type Ids = Record<string, string>;

/** The route's path with its parameters filled: real ids, or the hostile one given. */
function pathFor(route: Route, ids: Ids, hostile?: string): string {
	const segments = route.id.split('/').filter(Boolean);
	const out: string[] = [];
	for (let i = 0; i < segments.length; i++) {
		const segment = segments[i]!;
		const param = /^\[([A-Za-z]+)(?:=[a-z]+)?\]$/.exec(segment);
		if (!param) {
			out.push(segment);
			continue;
		}
		const key = `${segments[i - 1] ?? ''}/${param[1]}`;
		out.push(hostile ?? ids[key] ?? ids[param[1]!] ?? 'nosuchthing0000000000000000');
	}
	return '/' + out.join('/');
}

const NUL = 'a\u0000b';
/** The UTF-8-style encoding of U+D800, which has no valid decoding. */
const SURROGATE_ENCODED = '%ED%A0%80';

function body(fields: string[], value: (name: string) => string): string {
	return fields.map((name) => `${encodeURIComponent(name)}=${value(name)}`).join('&');
}

/** One request; a keep-alive socket the server closed at the same moment is retried once. */
async function send(client: TestClient, method: string, target: string, init: { body?: string; headers?: Record<string, string> } = {}) {
	try {
		return await client.request(method, target, init);
	} catch {
		return client.request(method, target, init);
	}
}

/**
 * Every table but the ones a GET may write by design: sessions (sliding expiry),
 * rate_limits, and letter_visits (the "new since your last visit" read marker; see
 * docs/promises.md, CS4).
 */
async function snapshot(): Promise<string> {
	const result = await db().execute<{ table_name: string }>(
		sql`select table_name from information_schema.tables where table_schema = 'public' and table_name not in ('sessions', 'rate_limits', 'letter_visits') order by table_name`
	);
	const rows = (Array.isArray(result) ? result : (result as unknown as { rows: { table_name: string }[] }).rows) as { table_name: string }[];
	const parts: string[] = [];
	for (const { table_name } of rows) {
		const hashed = await db().execute<{ h: string }>(sql.raw(`select md5(coalesce(string_agg(t::text, '|' order by t::text), '')) as h from "${table_name}" t`));
		const [row] = (Array.isArray(hashed) ? hashed : (hashed as unknown as { rows: { h: string }[] }).rows) as { h: string }[];
		parts.push(`${table_name}:${row?.h}`);
	}
	return parts.join('\n');
}

let app: TestApp;
const routes = walk(ROUTES).filter((r) => !r.id.startsWith('dev/'));
const fields = fieldNames();

beforeAll(async () => {
	app = await startTestApp();
});

describe(`hostile input at the edge (${DATABASE_KIND})`, () => {
	it('finds the routes and actions it walks', () => {
		expect(routes.length).toBeGreaterThan(25);
		expect(routes.flatMap((r) => r.actions).length).toBeGreaterThan(50);
		expect(fields).toContain('organisationId');
	});

	it('IN1: GETs with NUL bytes, surrogates and overlong values in ids and query strings answer 4xx or a page, never 5xx, and write nothing', async () => {
		await resetDatabase();
		const scene = await createCoalitionScene();
		const ids: Ids = { 'letters/id': scene.letterId, 'coalitions/id': scene.coalitionId, 'organisations/id': scene.orgA.id, 'open-letters/id': scene.letterId };
		const clients = [new TestClient(app), await signedInClient(app, scene.coordinator.email)];
		const before = await snapshot();
		const failures: string[] = [];
		for (const route of routes) {
			const hasParams = route.id.includes('[');
			const targets = [
				`${pathFor(route, ids)}?lang=${encodeURIComponent(NUL)}&redirectTo=${encodeURIComponent(NUL)}&from=${SURROGATE_ENCODED}&to=${'9'.repeat(5000)}`,
				...(hasParams ? [pathFor(route, ids, 'x%00'), pathFor(route, ids, SURROGATE_ENCODED), pathFor(route, ids, 'x'.repeat(3000))] : [])
			];
			for (const client of clients) {
				for (const target of targets) {
					const response = await send(client, 'GET', target);
					if (response.status >= 500) failures.push(`GET ${target.slice(0, 120)} → ${response.status}`);
				}
			}
		}
		expect(failures).toEqual([]);
		expect(await snapshot()).toBe(before);
	}, 300_000);

	it('IN1: every form action refuses NUL bytes and lone surrogates in any field with a 4xx, and no row changes', async () => {
		await resetDatabase();
		const scene = await createCoalitionScene();
		const ids: Ids = { 'letters/id': scene.letterId, 'coalitions/id': scene.coalitionId, 'organisations/id': scene.orgA.id, 'open-letters/id': scene.letterId };
		const coordinator = await signedInClient(app, scene.coordinator.email);
		const stranger = new TestClient(app);
		const before = await snapshot();
		const failures: string[] = [];
		for (const route of routes) {
			for (const action of route.actions) {
				const target = action === 'default' ? pathFor(route, ids) : `${pathFor(route, ids)}?/${action}`;
				for (const [kind, payload] of [
					['NUL', body(fields, () => encodeURIComponent(NUL))],
					['surrogate', body(fields, () => SURROGATE_ENCODED)]
				] as const) {
					for (const client of [coordinator, stranger]) {
						// SvelteKit's own protocol for enhanced forms says what the action answered, before any page load runs.
						const response = await send(client, 'POST', target, {
							body: payload,
							headers: { 'content-type': 'application/x-www-form-urlencoded', origin: app.origin, accept: 'application/json', 'x-sveltekit-action': 'true' }
						});
						const answer = JSON.parse(response.text) as { type: string; status?: number; location?: string };
						const refused = answer.type === 'failure' && answer.status! >= 400 && answer.status! < 500;
						const sentToSignIn = answer.type === 'redirect' && answer.location?.startsWith('/sign-in') && client === stranger;
						const errorPage = answer.type === 'error' && (answer.status ?? response.status) < 500;
						if (!refused && !sentToSignIn && !errorPage) failures.push(`POST ${target} (${kind}) → ${response.status} ${response.text.slice(0, 160)}`);
					}
				}
			}
		}
		expect(failures).toEqual([]);
		expect(await snapshot()).toBe(before);
	}, 300_000);

	it('IN5: overlong, missing, repeated and wrongly typed fields never give a 5xx', async () => {
		await resetDatabase();
		const scene = await createCoalitionScene();
		const ids: Ids = { 'letters/id': scene.letterId, 'coalitions/id': scene.coalitionId, 'organisations/id': scene.orgA.id, 'open-letters/id': scene.letterId };
		const failures: string[] = [];
		const payloads: [string, string, string?][] = [
			['overlong', body(fields, () => 'x'.repeat(4000))],
			['one field far too long', body(['body'], () => 'y'.repeat(210_000))],
			['missing', ''],
			['repeated', [...fields, ...fields].map((name, i) => `${name}=${i % 2 ? 'second' : 'first'}`).join('&')],
			['wrong types', body(fields, (name) => encodeURIComponent(['true', '-1', '[]', '{"a":1}', '1e309', 'null', '0x10', ' '][name.length % 8]!))],
			['not a form', '{"email":"a@example.org"}', 'application/json'],
			['broken multipart', '--x\r\nContent-Disposition: form-data; name="a"\r\n\r\nb', 'multipart/form-data; boundary=y']
		];
		// One client per payload: a payload may legitimately sign the coordinator out or end a membership.
		for (const [kind, payload, contentType] of payloads) {
			const coordinator = await signedInClient(app, scene.coordinator.email);
			for (const route of routes) {
				for (const action of route.actions) {
					if (route.id === 'sign-out') continue;
					const target = action === 'default' ? pathFor(route, ids) : `${pathFor(route, ids)}?/${action}`;
					const response = await send(coordinator, 'POST', target, {
						body: payload,
						headers: { 'content-type': contentType ?? 'application/x-www-form-urlencoded', origin: app.origin }
					});
					if (response.status >= 500) failures.push(`POST ${target} (${kind}) → ${response.status}`);
				}
			}
		}
		expect(failures).toEqual([]);
	}, 300_000);
});
