import type { ParamMatcher } from '@sveltejs/kit';

/**
 * Row ids: generateId() gives 26 base32 letters; the demo uses readable ones such as
 * `demo-org-01`. Anything else (NUL bytes, slashes, very long values) is a 404 before
 * a query runs.
 */
export const match = ((param: string): boolean => /^[A-Za-z0-9_-]{1,64}$/.test(param)) satisfies ParamMatcher;
