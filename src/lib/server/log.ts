/*
 * PR6: logs never hold tokens, codes, passwords or full e-mail addresses. Callers
 * pass ids; maskEmail() is there for the rare line that needs a hint of an address.
 */
type Fields = Record<string, string | number | boolean | undefined>;

function write(level: 'info' | 'warn' | 'error', message: string, fields?: Fields) {
	const line = fields ? `${message} ${JSON.stringify(fields)}` : message;
	if (level === 'error') console.error(`[undersigned] ${line}`);
	else if (level === 'warn') console.warn(`[undersigned] ${line}`);
	else console.log(`[undersigned] ${line}`);
}

export const log = {
	info: (message: string, fields?: Fields) => write('info', message, fields),
	warn: (message: string, fields?: Fields) => write('warn', message, fields),
	error: (message: string, fields?: Fields) => write('error', message, fields)
};

export function maskEmail(email: string): string {
	const [local = '', domain = ''] = email.split('@');
	return `${local.slice(0, 1)}***@${domain}`;
}
