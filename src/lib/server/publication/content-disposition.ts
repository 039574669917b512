/**
 * IN7, RFC 6266: a download name that cannot break the header. The plain `filename`
 * keeps only safe ASCII; `filename*` carries the real name, percent-encoded UTF-8.
 */
export function contentDisposition(name: string, disposition: 'attachment' | 'inline' = 'attachment'): string {
	// eslint-disable-next-line no-control-regex -- control characters are what we remove
	const clean = name.normalize('NFC').replace(/[\u0000-\u001F\u007F"\\/]/g, ' ').replace(/\s+/g, ' ').trim().slice(0, 150) || 'letter.pdf';
	const ascii = clean.replace(/[^\x20-\x7E]/g, '_');
	const encoded = encodeURIComponent(clean).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
	return `${disposition}; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

/** "Open letter on … (en, edition 2).pdf" */
export function publicationFilename(title: string, language: string, edition: number): string {
	return `${title.slice(0, 100)} (${language}, edition ${edition}).pdf`;
}

/** "Open letter on … (en, preview).pdf": never the name of a published edition. */
export function previewFilename(title: string, language: string): string {
	return `${title.slice(0, 100)} (${language}, preview).pdf`;
}
