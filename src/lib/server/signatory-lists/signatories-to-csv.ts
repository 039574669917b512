import { stringify } from 'csv-stringify/sync';
import { countryName } from '../organisations/countries';
import type { SignatoryEntry } from './order-signatories';
import { m } from '$lib/paraglide/messages.js';

/** The header row in the language of the person downloading (the request's); the cells stay as signed. */
const header = () => [
	m.pub_csv_organisation(),
	m.pub_csv_country(),
	m.pub_csv_country_code(),
	m.pub_csv_signed_at(),
	m.pub_csv_verified(),
	m.pub_csv_initiator(),
	m.pub_csv_signer(),
	m.pub_csv_signer_title(),
	m.pub_csv_statement()
];

/*
 * Excel opens a CSV without a byte-order mark in the machine's legacy code page, so
 * Cyrillic, Japanese and Arabic-script names turn into mojibake. A leading U+FEFF
 * makes it read UTF-8; LibreOffice, Numbers and CSV parsers accept or skip it.
 */
const BOM = '\uFEFF';

/**
 * The signatory list as CSV for coordinators, rows in the order given (callers pass
 * the list as orderSignatories returned it).
 *
 * Names, titles and statements are typed by signing organisations, and spreadsheets
 * run a cell that starts with =, +, -, @, tab or carriage return as a formula: a
 * statement like "=HYPERLINK(...)" would act in the coordinator's spreadsheet.
 * csv-stringify's escape_formulas prefixes such cells with an apostrophe, which
 * spreadsheets read as "this is text" (it also catches the full-width forms).
 */
export function signatoriesToCsv(entries: SignatoryEntry[], language: string): string {
	const rows = entries.map((entry) => {
		// PR1: with organisation-only signatures (signerName null, the default) the
		// person is never written, whatever else the entry holds.
		const showSigner = entry.signerName !== null;
		return [
			entry.organisationName,
			countryName(entry.country, language),
			entry.country,
			entry.signedAt.toISOString(),
			entry.verified ? m.pub_yes() : m.pub_no(),
			entry.initiator ? m.pub_yes() : m.pub_no(),
			showSigner ? entry.signerName : '',
			showSigner ? (entry.signerTitle ?? '') : '',
			entry.statement ?? ''
		];
	});
	// CRLF between records, as RFC 4180 asks. Setting record_delimiter turns off
	// csv-stringify's quoting of a lone \n or \r, which would split a multi-line
	// statement into bogus rows, so quote_record_delimiter turns it back on.
	return (
		BOM +
		stringify([header(), ...rows], { escape_formulas: true, record_delimiter: 'windows', quote_record_delimiter: true })
	);
}
