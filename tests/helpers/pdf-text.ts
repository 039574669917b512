import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/*
 * Reading a rendered PDF back with poppler's pdftotext, as a recipient's tools
 * would. CI installs poppler-utils; without it the tests using this are skipped.
 */
export const hasPoppler = !spawnSync('pdftotext', ['-v']).error;

// pdftotext wraps right-to-left runs in embedding marks (U+202B … U+202C).
export function normalise(text: string): string {
	return text.replace(/[\u202a-\u202e\u2066-\u2069]/g, '').replace(/\s+/g, ' ').trim();
}

export function pdftotext(file: string, args: string[] = []): string {
	return execFileSync('pdftotext', [...args, file, '-'], { encoding: 'utf8' });
}

export function pageCount(file: string): number {
	return Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))?.[1]);
}

/** A folder for the test file's PDFs; `remove` deletes it (call it in afterAll). */
export function pdfFolder(prefix = 'undersigned-pdf-'): { save(pdf: Buffer): string; remove(): void } {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
	let files = 0;
	return {
		save(pdf) {
			const file = path.join(dir, `letter-${++files}.pdf`);
			fs.writeFileSync(file, pdf);
			return file;
		},
		remove: () => fs.rmSync(dir, { recursive: true, force: true })
	};
}
