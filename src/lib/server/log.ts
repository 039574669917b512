/*
 * PR6: logs never hold tokens, codes, passwords, password hashes, full e-mail
 * addresses, query parameters or form values. Callers pass ids and codes; errors go
 * through errorFields(), which keeps the kind of failure and where it happened but
 * never a message (a database driver's message quotes the failed query and its
 * parameters). As a last net, write() masks anything shaped like an e-mail address
 * or an argon2 hash.
 */
type Fields = Record<string, string | number | boolean | undefined>;

const EMAIL_LIKE = /[^\s@"'<>(),;:]{1,64}@[^\s@"'<>(),;:]{1,255}/g;
const ARGON2_HASH = /\$argon2(?:id|i|d)\$[^\s"']*/g;

function scrub(value: string): string {
	return value.replace(ARGON2_HASH, '[argon2 hash]').replace(EMAIL_LIKE, (address) => maskEmail(address));
}

function write(level: 'info' | 'warn' | 'error', message: string, fields?: Fields) {
	let line = message;
	if (fields) {
		const clean: Fields = {};
		for (const [key, value] of Object.entries(fields)) clean[key] = typeof value === 'string' ? scrub(value) : value;
		line = `${message} ${JSON.stringify(clean)}`;
	}
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

const SQL_STATE = /^[0-9A-Z]{5}$/;

/**
 * What may be logged about an error: its class, a code (SQLSTATE for the database,
 * e.g. 22021 for a NUL byte, 23505 for a duplicate), the schema names PostgreSQL
 * reports (constraint, table, column: not data), and the stack frames without the
 * message line. Follows `cause` a few levels, since Drizzle wraps the driver's error.
 */
export function errorFields(error: unknown): Fields {
	const fields: Fields = {};
	const names: string[] = [];
	for (let current: unknown = error, depth = 0; current && depth < 5; depth++) {
		if (typeof current !== 'object') {
			names.push(typeof current);
			break;
		}
		const e = current as Record<string, unknown>;
		names.push(typeof e.name === 'string' ? e.name : (current.constructor?.name ?? 'object'));
		if (typeof e.code === 'string' && SQL_STATE.test(e.code)) fields.sqlState ??= e.code;
		else if (typeof e.code === 'string' && /^[A-Za-z0-9_.-]{1,40}$/.test(e.code)) fields.code ??= e.code;
		for (const [from, to] of [
			['constraint_name', 'constraint'],
			['constraint', 'constraint'],
			['table_name', 'table'],
			['table', 'table'],
			['column_name', 'column'],
			['column', 'column']
		] as const) {
			const value = e[from];
			if (typeof value === 'string' && /^[a-z0-9_]{1,63}$/.test(value)) fields[to] ??= value;
		}
		current = e.cause;
	}
	fields.error = names.join(' < ');
	if (error instanceof Error && error.stack) {
		fields.stack = error.stack
			.split('\n')
			.filter((frame) => /^\s+at /.test(frame))
			.slice(0, 12)
			.map((frame) => frame.trim())
			.join(' | ');
	}
	return fields;
}
