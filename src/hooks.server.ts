import { sequence } from '@sveltejs/kit/hooks';
import type { ServerInit } from '@sveltejs/kit';
import { dev } from '$app/environment';
import { initServer } from '$lib/server/hooks/init';
import { requireProductionSettings } from '$lib/server/env';
import { handleSession } from '$lib/server/hooks/session';
import { handleSecurityHeaders } from '$lib/server/hooks/headers';
import { handleServerError } from '$lib/server/hooks/errors';
import { handleRetryAfter } from '$lib/server/hooks/retry-after';
import { handleLocale } from '$lib/server/i18n/request-locale';

export const init: ServerInit = () => {
	// NODE_ENV=production counts as production even in a build made in another mode.
	requireProductionSettings({ dev: dev && process.env.NODE_ENV !== 'production' });
	return initServer({ dev });
};

export const handle = sequence(handleRetryAfter, handleSecurityHeaders, handleSession, handleLocale);

export const handleError = handleServerError;
