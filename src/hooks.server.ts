import { sequence } from '@sveltejs/kit/hooks';
import type { ServerInit } from '@sveltejs/kit';
import { dev } from '$app/environment';
import { initServer } from '$lib/server/hooks/init';
import { handleSession } from '$lib/server/hooks/session';
import { handleSecurityHeaders } from '$lib/server/hooks/headers';
import { handleServerError } from '$lib/server/hooks/errors';
import { handleRetryAfter } from '$lib/server/hooks/retry-after';

export const init: ServerInit = () => initServer({ dev });

export const handle = sequence(handleRetryAfter, handleSecurityHeaders, handleSession);

export const handleError = handleServerError;
