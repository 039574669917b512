import { settings } from './env';

/** The origin for links in mails: ORIGIN when set, else the request's own. */
export function linkOrigin(requestUrl: URL): string {
	return settings().origin ?? requestUrl.origin;
}

/**
 * AU9: keeps a redirect target only if it is a path on this site. Anything that a
 * browser could read as another host (`//x`, `/\x`, `https:x`, control characters)
 * becomes "/".
 */
export function safeRedirect(target: string | null | undefined, fallback = '/'): string {
	if (!target || target.length > 2000) return fallback;
	if (!target.startsWith('/') || target.startsWith('//') || target.startsWith('/\\')) return fallback;
	// eslint-disable-next-line no-control-regex -- control characters in a target are refused
	if (/[\u0000-\u001F\u007F\\]/.test(target)) return fallback;
	try {
		const base = 'http://undersigned.invalid';
		const url = new URL(target, base);
		if (url.origin !== base) return fallback;
		return url.pathname + url.search + url.hash;
	} catch {
		return fallback;
	}
}
