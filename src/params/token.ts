import type { ParamMatcher } from '@sveltejs/kit';

/** Secret tokens and codes from links in mail (base32 letters and digits); others are a 404. */
export const match = ((param: string): boolean => /^[A-Za-z0-9_-]{1,128}$/.test(param)) satisfies ParamMatcher;
