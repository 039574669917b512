import dns from 'node:dns/promises';
import http from 'node:http';
import https from 'node:https';
import { BlockList, isIP, type LookupFunction } from 'node:net';
import { m } from '$lib/paraglide/messages.js';

/** Where the token is published, after RFC 8615. */
export const WELL_KNOWN_PATH = '/.well-known/undersigned.txt';
export const FETCH_TIMEOUT_MS = 5000;
export const MAX_BODY_BYTES = 4096;
export const MAX_REDIRECTS = 2;

export interface WellKnownTransport {
	/** Tests only: http, loopback addresses and a port in the domain. Never private or link-local addresses. */
	allowInsecure: boolean;
	/** Resolves a host name to its addresses; tests give a fixed table to reach a private one. */
	resolve?: (host: string) => Promise<{ address: string; family: number }[]>;
	timeoutMs?: number;
}

export type WellKnownResult = { ok: true; body: string } | { ok: false; reason: string };

/*
 * Addresses a server must never be made to fetch from (SSRF): this machine, private
 * networks, link-local (cloud metadata at 169.254.169.254), multicast, reserved, and
 * their IPv6 and IPv4-mapped forms.
 */
const BLOCKED = new BlockList();
for (const [net, prefix] of [
	['0.0.0.0', 8],
	['10.0.0.0', 8],
	['100.64.0.0', 10],
	['169.254.0.0', 16],
	['172.16.0.0', 12],
	['192.0.0.0', 24],
	['192.0.2.0', 24],
	['192.168.0.0', 16],
	['198.18.0.0', 15],
	['198.51.100.0', 24],
	['203.0.113.0', 24],
	['224.0.0.0', 4],
	['240.0.0.0', 4]
] as const) {
	BLOCKED.addSubnet(net, prefix, 'ipv4');
}
for (const [net, prefix] of [
	['::', 128],
	['64:ff9b::', 96],
	['100::', 64],
	['2001:db8::', 32],
	['fc00::', 7],
	['fe80::', 10],
	['fec0::', 10],
	['ff00::', 8]
] as const) {
	BLOCKED.addSubnet(net, prefix, 'ipv6');
}
const LOOPBACK = new BlockList();
LOOPBACK.addSubnet('127.0.0.0', 8, 'ipv4');
LOOPBACK.addAddress('::1', 'ipv6');

/** The IPv4 address inside an IPv4-mapped IPv6 address (::ffff:10.0.0.1), or the address itself. */
function unmap(address: string): { address: string; family: 'ipv4' | 'ipv6' } {
	const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
	if (mapped) return { address: mapped[1]!, family: 'ipv4' };
	return { address, family: isIP(address) === 6 ? 'ipv6' : 'ipv4' };
}

/** Whether the domain check may connect to this address. */
export function isAllowedAddress(raw: string, options: { allowLoopback: boolean }): boolean {
	const { address, family } = unmap(raw);
	if (isIP(address) === 0) return false;
	if (LOOPBACK.check(address, family)) return options.allowLoopback;
	return !BLOCKED.check(address, family);
}

/** A refusal met inside a lookup or a response callback; its reason is put into words once the fetch returns, in the request's language. */
class Refused extends Error {
	constructor(readonly reason: () => string) {
		super('refused');
	}
}

/**
 * A lookup for http(s).request that resolves the name, refuses it if any of its
 * addresses is not allowed (so DNS cannot mix a public and a private answer), and
 * hands the request the very address it checked: the connection goes there, with no
 * second resolution an attacker's DNS could answer differently.
 */
function checkedLookup(transport: WellKnownTransport): LookupFunction {
	const resolve = transport.resolve ?? ((host: string) => dns.lookup(host, { all: true, verbatim: true }));
	return (hostname, options, callback) => {
		resolve(hostname)
			.then((addresses) => {
				if (addresses.length === 0) throw new Refused(() => m.coal_fetch_no_address());
				if (!addresses.every((a) => isAllowedAddress(a.address, { allowLoopback: transport.allowInsecure }))) {
					throw new Refused(() => m.coal_fetch_private_domain());
				}
				const chosen = addresses[0]!;
				if ((options as { all?: boolean }).all) callback(null, [{ address: chosen.address, family: chosen.family }]);
				else callback(null, chosen.address, chosen.family);
			})
			.catch((error: Error) => callback(error as NodeJS.ErrnoException, '', 4));
	};
}

/** Same host, or its "www." twin (a site commonly redirects one to the other). */
function sameSite(a: string, b: string): boolean {
	const bare = (h: string) => h.replace(/^www\./, '');
	return bare(a) === bare(b);
}

/**
 * Fetches https://<domain>/.well-known/undersigned.txt for the domain check, as a
 * careful crawler would: 5 seconds in all (connecting, redirects and the body), 4 KiB
 * of body at most (reading stops there), redirects only within the same host (and its
 * "www." twin) and at most two, https only, never to a private, loopback or link-local
 * address. Never throws: a refusal comes back as a reason to show the owner.
 */
export async function fetchWellKnownFile(domain: string, transport: WellKnownTransport): Promise<WellKnownResult> {
	const scheme = transport.allowInsecure ? 'http:' : 'https:';
	const start = new URL(`${scheme}//${domain}${WELL_KNOWN_PATH}`);
	const deadline = AbortSignal.timeout(transport.timeoutMs ?? FETCH_TIMEOUT_MS);
	let url = start;
	try {
		for (let redirects = 0; ; redirects++) {
			const answer = await requestOnce(url, transport, deadline);
			if (answer.kind === 'body') return answer.status === 200 ? { ok: true, body: answer.body } : { ok: false, reason: m.coal_fetch_status({ status: String(answer.status) }) };
			if (redirects >= MAX_REDIRECTS) return { ok: false, reason: m.coal_fetch_too_many_redirects() };
			let next: URL;
			try {
				next = new URL(answer.location, url);
			} catch {
				return { ok: false, reason: m.coal_fetch_invalid_redirect() };
			}
			if (!sameSite(next.hostname, start.hostname) || next.port !== start.port) return { ok: false, reason: m.coal_fetch_other_host() };
			if (next.protocol !== 'https:' && !(transport.allowInsecure && next.protocol === 'http:')) return { ok: false, reason: m.coal_fetch_away_from_https() };
			url = next;
		}
	} catch (error) {
		if (deadline.aborted) return { ok: false, reason: m.coal_fetch_timeout({ seconds: String(Math.round((transport.timeoutMs ?? FETCH_TIMEOUT_MS) / 1000)) }) };
		if (error instanceof Refused) return { ok: false, reason: error.reason() };
		return { ok: false, reason: m.coal_fetch_failed() };
	}
}

type Answer = { kind: 'body'; status: number; body: string } | { kind: 'redirect'; location: string };

function requestOnce(url: URL, transport: WellKnownTransport, signal: AbortSignal): Promise<Answer> {
	// A literal IP in the URL skips the lookup, so it is checked here.
	const literal = url.hostname.replace(/^\[|\]$/g, '');
	if (isIP(literal) !== 0 && !isAllowedAddress(literal, { allowLoopback: transport.allowInsecure })) {
		return Promise.reject(new Refused(() => m.coal_fetch_private_address()));
	}
	const client = url.protocol === 'https:' ? https : http;
	return new Promise((resolve, reject) => {
		const request = client.request(
			url,
			{ method: 'GET', lookup: checkedLookup(transport), signal, agent: false, headers: { accept: 'text/plain', 'user-agent': 'Undersigned domain check' } },
			(response) => {
				const status = response.statusCode ?? 0;
				if ([301, 302, 303, 307, 308].includes(status) && response.headers.location) {
					response.destroy();
					resolve({ kind: 'redirect', location: response.headers.location });
					return;
				}
				const chunks: Buffer[] = [];
				let size = 0;
				response.on('data', (chunk: Buffer) => {
					size += chunk.length;
					if (size > MAX_BODY_BYTES) {
						response.destroy();
						reject(new Refused(() => m.coal_fetch_too_large({ size: String(MAX_BODY_BYTES / 1024) })));
						return;
					}
					chunks.push(chunk);
				});
				response.on('end', () => resolve({ kind: 'body', status, body: Buffer.concat(chunks).toString('utf8') }));
				response.on('error', reject);
			}
		);
		request.on('error', reject);
		request.end();
	});
}
