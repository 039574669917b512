import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/*
 * docs/promises.md is where an id cited in a comment or a test name (AU1, PR1, …)
 * is explained. These tests keep it so: every id cited under src/ or tests/ has a
 * section there, and every test file the page names exists.
 */

const ROOT = path.resolve(import.meta.dirname, '../..');
const DOC = path.join(ROOT, 'docs/promises.md');
const ID = /\b(?:AU|SE|AZ|CS|XS|IN|CC|IG|PR|AV)[0-9]+\b/g;
const SOURCE = /\.(?:ts|js|svelte|sql)$/;

function sourceFiles(dir: string): string[] {
	return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
		const full = path.join(dir, entry.name);
		if (entry.isDirectory()) return sourceFiles(full);
		return SOURCE.test(entry.name) ? [full] : [];
	});
}

/** Each cited id with the first file that cites it. */
function citedIds(): Map<string, string> {
	const cited = new Map<string, string>();
	for (const file of ['src', 'tests'].flatMap((dir) => sourceFiles(path.join(ROOT, dir)))) {
		for (const [id] of fs.readFileSync(file, 'utf8').matchAll(ID)) {
			if (!cited.has(id)) cited.set(id, path.relative(ROOT, file));
		}
	}
	return cited;
}

const doc = fs.readFileSync(DOC, 'utf8');
const sections = new Set([...doc.matchAll(/^### ([A-Z]{2}[0-9]+)$/gm)].map((m) => m[1]));

describe('docs/promises.md', () => {
	it('has a section for every promise id cited in src/ or tests/', () => {
		const cited = citedIds();
		expect(cited.size).toBeGreaterThan(0);
		const missing = [...cited].filter(([id]) => !sections.has(id)).map(([id, file]) => `${id} (cited in ${file})`);
		expect(missing).toEqual([]);
	});

	it('names only test files that exist', () => {
		const named = new Set([...doc.matchAll(/`(tests\/[^`\s]+\.(?:ts|js))`/g)].map((m) => m[1] ?? ''));
		expect(named.size).toBeGreaterThan(0);
		const absent = [...named].filter((file) => !fs.existsSync(path.join(ROOT, file)));
		expect(absent).toEqual([]);
	});

	it('has one section per id', () => {
		const headings = [...doc.matchAll(/^### ([A-Z]{2}[0-9]+)$/gm)].map((m) => m[1]);
		expect(headings.length).toBe(sections.size);
	});
});
