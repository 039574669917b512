import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/*
 * The Paraglide message files (messages/{locale}.json): every language has every
 * key, no language has a key the others lack, and every key is used in src.
 * A missing key would fall back to English without a word; an unused one is a
 * translation someone keeps up for nothing.
 */
const settings = JSON.parse(fs.readFileSync('project.inlang/settings.json', 'utf8')) as { baseLocale: string; locales: string[] };
const keysOf = (locale: string) =>
	Object.keys(JSON.parse(fs.readFileSync(path.join('messages', `${locale}.json`), 'utf8')) as object)
		.filter((key) => key !== '$schema')
		.sort();
const baseKeys = keysOf(settings.baseLocale);

function sourceFiles(dir: string): string[] {
	return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
		const full = path.join(dir, entry.name);
		if (entry.isDirectory()) return full === path.join('src', 'lib', 'paraglide') ? [] : sourceFiles(full);
		return /\.(ts|js|svelte)$/.test(entry.name) ? [full] : [];
	});
}

describe('message files', () => {
	it('the base locale has messages', () => {
		expect(baseKeys.length).toBeGreaterThan(10);
	});

	it.each(settings.locales)('%s has exactly the keys of the base locale', (locale) => {
		expect(fs.existsSync(path.join('messages', `${locale}.json`))).toBe(true);
		expect(keysOf(locale)).toEqual(baseKeys);
	});

	it('every message file belongs to a locale in project.inlang/settings.json', () => {
		const files = fs.readdirSync('messages').map((file) => file.replace(/\.json$/, ''));
		expect(files.sort()).toEqual([...settings.locales].sort());
	});

	it('every key is used somewhere in src', () => {
		const source = sourceFiles('src')
			.map((file) => fs.readFileSync(file, 'utf8'))
			.join('\n');
		const unused = baseKeys.filter((key) => !new RegExp(`\\.${key}\\(`).test(source));
		expect(unused).toEqual([]);
	});
});
