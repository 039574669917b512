import { settings } from './env';

/**
 * The origin for links in mails. ORIGIN is required in production (env.ts), so a
 * request's Host header never decides where a reset link points; the request's own
 * origin is only a fallback in development and tests.
 */
export function linkOrigin(requestUrl: URL): string {
	return settings().origin ?? requestUrl.origin;
}

const BASE = 'http://undersigned.invalid';

/** Slashes and backslashes that some software folds into `/` or `\` (NFKC, lookalikes). */
const UNICODE_SLASHES = /[\u2044\u2215\u2216\u2571\u2572\u29F5\u29F8\u29F9\u3033\u3035\uFE68\uFF0F\uFF3C]/;

/** A path that no browser reads as another host: one leading `/`, no `\`, no control characters. */
function isLocalPath(path: string): boolean {
	if (!path.startsWith('/') || path.startsWith('//')) return false;
	// eslint-disable-next-line no-control-regex -- control characters are what we refuse
	if (/[\u0000-\u001F\u007F-\u009F\\]/.test(path)) return false;
	return !UNICODE_SLASHES.test(path);
}

/**
 * AU9 (ASVS 5.0 V3.7 "unvalidated redirects"): keeps a redirect target only if it is a
 * path on this site, judged on the target as sent, on its percent-decoded and
 * NFKC-folded forms, and on the path after `.`/`..` segments are resolved (`/..//x`
 * becomes `//x`). Anything else becomes the fallback.
 */
export function safeRedirect(target: unknown, fallback = '/'): string {
	if (typeof target !== 'string' || target.length === 0 || target.length > 2000) return fallback;
	let decoded = target;
	for (let i = 0; i < 3; i++) {
		let next: string;
		try {
			next = decodeURIComponent(decoded);
		} catch {
			return fallback;
		}
		if (next === decoded) break;
		decoded = next;
	}
	for (const form of [target, decoded, decoded.normalize('NFKC')]) {
		if (!isLocalPath(form)) return fallback;
	}
	let url: URL;
	try {
		url = new URL(target, BASE);
	} catch {
		return fallback;
	}
	if (url.origin !== BASE) return fallback;
	const result = url.pathname + url.search + url.hash;
	if (!isLocalPath(result) || !isLocalPath(decodeURIComponentSafe(url.pathname))) return fallback;
	return result;
}

function decodeURIComponentSafe(value: string): string {
	try {
		return decodeURIComponent(value);
	} catch {
		return '//';
	}
}
