import { parse, CsvError } from 'csv-parse/sync';
import { recipientInput, type RecipientInput } from './recipient-input';
import { m } from '$lib/paraglide/messages.js';
import { formatNumber } from '$lib/i18n/locales';

export const CSV_MAX_BYTES = 1024 * 1024;
export const CSV_MAX_ROWS = 2000;
/** Enough to fix a file in one go without a wall of text. */
const MAX_REPORTED_ERRORS = 50;

export const CSV_HEADER = 'name,title,organisation,email,postal_address,language';

type Column = keyof RecipientInput;

/** Header spellings people and spreadsheets use, after lower-casing and squeezing out spaces, dashes and underscores. */
const HEADER_ALIASES: Record<string, Column> = {
	name: 'name',
	fullname: 'name',
	title: 'title',
	organisation: 'organisation',
	organization: 'organisation',
	email: 'email',
	emailaddress: 'email',
	mail: 'email',
	postaladdress: 'postalAddress',
	address: 'postalAddress',
	postal: 'postalAddress',
	language: 'language',
	lang: 'language'
};

export interface CsvRowError {
	/** Counted as a spreadsheet counts them: the header is row 1. */
	row: number;
	message: string;
}

export type ParsedRecipientsCsv =
	| { ok: true; rows: { row: number; recipient: RecipientInput }[] }
	| { ok: false; errors: CsvRowError[]; moreErrors: number };

function failure(errors: CsvRowError[]): ParsedRecipientsCsv {
	return { ok: false, errors: errors.slice(0, MAX_REPORTED_ERRORS), moreErrors: Math.max(0, errors.length - MAX_REPORTED_ERRORS) };
}

function normaliseHeader(cell: string): string {
	return cell.normalize('NFC').trim().toLowerCase().replace(/[\s_-]+/g, '');
}

/**
 * Spreadsheets in many locales save "CSV" with semicolons (or tabs): the header row
 * tells which one this file uses. Counting characters cannot backtrack.
 */
function detectDelimiter(text: string): string {
	const firstLine = text.slice(0, Math.min(text.length, 4096)).split(/\r\n|\r|\n/, 1)[0] ?? '';
	const count = (ch: string) => firstLine.split(ch).length - 1;
	const candidates = [',', ';', '\t'].map((ch) => ({ ch, n: count(ch) }));
	candidates.sort((a, b) => b.n - a.n);
	return candidates[0] && candidates[0].n > 0 ? candidates[0].ch : ',';
}

function describeCsvError(error: CsvError, records: number): CsvRowError {
	const lines = typeof error.lines === 'number' ? error.lines : undefined;
	const where = records + 1;
	const reason =
		error.code === 'CSV_QUOTE_NOT_CLOSED'
			? m.sig_csv_reason_quote_not_closed()
			: error.code === 'CSV_INVALID_CLOSING_QUOTE' || error.code === 'CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE'
				? m.sig_csv_reason_text_after_quote()
				: m.sig_csv_reason_unreadable();
	const message = lines
		? m.sig_csv_invalid_near_line({ line: formatNumber(lines), reason })
		: m.sig_csv_invalid_near_row({ row: formatNumber(where), reason });
	return { row: where, message };
}

function readRecords(text: string): { records: string[][] } | { error: CsvRowError } {
	try {
		const records = parse(text, {
			bom: true,
			delimiter: detectDelimiter(text),
			relax_column_count: true,
			// A stray quote inside an unquoted cell (O"Brien) is taken literally.
			relax_quotes: true,
			skip_empty_lines: false,
			// Keeps a runaway quote from swallowing the rest of the file silently.
			max_record_size: 64 * 1024
		});
		return { records };
	} catch (error) {
		if (error instanceof CsvError) {
			const records = typeof error.records === 'number' ? error.records : 0;
			return { error: describeCsvError(error, records) };
		}
		throw error;
	}
}

const isBlank = (record: string[]) => record.every((cell) => cell.trim() === '');

/**
 * Reads a recipients file: a header row (name,title,organisation,email,
 * postal_address,language, in any order and case), then one recipient per row.
 * Either every row is good, or the answer lists what is wrong where, so the
 * coordinator fixes the file and imports it again: half an import would leave
 * them guessing which rows are in.
 */
export function parseRecipientsCsv(input: string): ParsedRecipientsCsv {
	if (Buffer.byteLength(input, 'utf8') > CSV_MAX_BYTES) {
		return failure([{ row: 0, message: m.sig_csv_too_large() }]);
	}
	const read = readRecords(input);
	if ('error' in read) return failure([read.error]);
	const headerIndex = read.records.findIndex((record) => !isBlank(record));
	const header = read.records[headerIndex];
	if (!header) return failure([{ row: 0, message: m.sig_csv_empty({ header: CSV_HEADER }) }]);

	const columns: (Column | undefined)[] = header.map((cell) => HEADER_ALIASES[normaliseHeader(cell)]);
	const headerRow = headerIndex + 1;
	const missingHeader = { row: headerRow, message: m.sig_csv_header_missing({ header: CSV_HEADER }) };
	// No known column at all: the header row is missing, and its cells are data.
	if (columns.every((c) => c === undefined)) return failure([missingHeader]);
	const problems: CsvRowError[] = columns.includes('name') ? [] : [missingHeader];
	const seen = new Set<Column>();
	for (const [i, column] of columns.entries()) {
		if (column === undefined) {
			if (header[i]?.trim()) problems.push({ row: headerRow, message: m.sig_csv_unknown_column({ column: header[i]!.trim().slice(0, 40), header: CSV_HEADER }) });
			continue;
		}
		if (seen.has(column)) problems.push({ row: headerRow, message: m.sig_csv_column_twice({ column: header[i]!.trim().slice(0, 40) }) });
		seen.add(column);
	}
	if (problems.length > 0) return failure(problems);

	const body = read.records.slice(headerIndex + 1).map((record, i) => ({ record, row: headerRow + 1 + i })).filter(({ record }) => !isBlank(record));
	if (body.length === 0) return failure([{ row: headerRow, message: m.sig_csv_no_recipients() }]);
	if (body.length > CSV_MAX_ROWS) {
		return failure([{ row: 0, message: m.sig_csv_too_many_rows({ count: formatNumber(body.length), max: formatNumber(CSV_MAX_ROWS) }) }]);
	}

	const rows: { row: number; recipient: RecipientInput }[] = [];
	const emailRows = new Map<string, number>();
	for (const { record, row } of body) {
		const extra = record.slice(columns.length).some((cell) => cell.trim() !== '');
		if (extra) {
			problems.push({ row, message: m.sig_csv_too_many_cells() });
			continue;
		}
		const raw: Record<string, string> = {};
		for (const [i, column] of columns.entries()) if (column) raw[column] = record[i] ?? '';
		const parsed = recipientInput.safeParse(raw);
		if (!parsed.success) {
			for (const issue of parsed.error.issues) problems.push({ row, message: issue.message });
			continue;
		}
		const email = parsed.data.email;
		const earlier = email ? emailRows.get(email) : undefined;
		if (email && earlier !== undefined) {
			problems.push({ row, message: m.sig_csv_duplicate_email({ row: formatNumber(earlier) }) });
			continue;
		}
		if (email) emailRows.set(email, row);
		rows.push({ row, recipient: parsed.data });
	}
	return problems.length > 0 ? failure(problems) : { ok: true, rows };
}
