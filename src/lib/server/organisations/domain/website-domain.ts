import { isIP } from 'node:net';
import { AppError } from '../../errors';
import { m } from '$lib/paraglide/messages.js';

export interface DomainOptions {
	/** Tests only (settings().domainCheckAllowInsecure): keeps a port and allows `localhost`. */
	allowInsecure?: boolean;
}

/**
 * The domain an organisation can prove, from its website field: the URL's host, which
 * the WHATWG URL parser already lower-cases and turns into punycode (IDNA), without a
 * leading "www." (the same organisation's site almost always answers on both).
 * Refuses IP addresses and single-label hosts: neither names an organisation.
 */
export function websiteDomain(website: string | null | undefined, options: DomainOptions = {}): string {
	if (!website) throw new AppError('invalid', m.coal_error_no_website());
	let url: URL;
	try {
		url = new URL(website);
	} catch {
		throw new AppError('invalid', m.coal_error_website_invalid());
	}
	let host = url.hostname.replace(/\.$/, '');
	if (host.startsWith('www.')) host = host.slice(4);
	if (options.allowInsecure && host === 'localhost') return url.port ? `${host}:${url.port}` : host;
	if (isIP(host.replace(/^\[|\]$/g, '')) !== 0) {
		throw new AppError('invalid', m.coal_error_website_ip());
	}
	if (!host.includes('.')) throw new AppError('invalid', m.coal_error_website_no_dot());
	return options.allowInsecure && url.port ? `${host}:${url.port}` : host;
}

/** The domain of a website, or null where it has none that could be verified (for comparing old and new). */
export function websiteDomainOrNull(website: string | null | undefined, options: DomainOptions = {}): string | null {
	try {
		return websiteDomain(website, options);
	} catch {
		return null;
	}
}

/**
 * An address for the code: a local part the owner chose, on exactly the domain. Not a
 * subdomain: mailboxes on a subdomain are often handed to others (students, members,
 * a mailing-list service), so they prove less about who runs the main site.
 */
export function addressOnDomain(localPart: string, domain: string): string {
	const local = localPart.trim().toLowerCase();
	if (!/^[a-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/.test(local) || local.length > 64) {
		throw new AppError('invalid', m.coal_error_local_part({ at: '@' }), { field: 'localPart' });
	}
	return `${local}@${domain.replace(/:\d+$/, '')}`;
}
