import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/*
 * Issue 14, point 1: the Paraglide message files (messages/{locale}.json and
 * messages/<area>/{locale}.json, as project.inlang/settings.json lists them). Every
 * language has every key, no language has a key the others lack, a key lives in one
 * area only, a translation uses exactly the placeholders of the English, and every
 * key is used in src. A missing key would fall back to English without a word; an
 * unused one is a translation someone keeps up for nothing.
 */
const settings = JSON.parse(fs.readFileSync('project.inlang/settings.json', 'utf8')) as {
	baseLocale: string;
	locales: string[];
	'plugin.inlang.messageFormat': { pathPattern: string[] };
};
const patterns = settings['plugin.inlang.messageFormat'].pathPattern;
const fileOf = (pattern: string, locale: string) => pattern.replace('{locale}', locale);
const read = (file: string) => JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;

function messagesOf(locale: string, pattern?: string): Record<string, unknown> {
	const merged: Record<string, unknown> = {};
	for (const p of pattern ? [pattern] : patterns) Object.assign(merged, read(fileOf(p, locale)));
	delete merged.$schema;
	return merged;
}
const keysOf = (locale: string, pattern?: string) => Object.keys(messagesOf(locale, pattern)).sort();
const baseKeys = keysOf(settings.baseLocale);

/** The {placeholders} a message reads, over all its variants. */
function placeholders(message: unknown): string[] {
	const text = JSON.stringify(message);
	const names = new Set([...text.matchAll(/(?<!\\)\{(\w+)\}/g)].map((match) => match[1]!));
	return [...names].sort();
}

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

	it.each(settings.locales)('%s has exactly the keys of the base locale, area by area', (locale) => {
		for (const pattern of patterns) {
			expect(fs.existsSync(fileOf(pattern, locale)), fileOf(pattern, locale)).toBe(true);
			expect(keysOf(locale, pattern), fileOf(pattern, locale)).toEqual(keysOf(settings.baseLocale, pattern));
		}
	});

	it.each(settings.locales)('%s uses the placeholders of the English in every message', (locale) => {
		const base = messagesOf(settings.baseLocale);
		const translated = messagesOf(locale);
		const wrong = baseKeys.filter((key) => placeholders(base[key]).join() !== placeholders(translated[key]).join());
		expect(wrong).toEqual([]);
	});

	it('a key lives in one area only', () => {
		const seen = new Map<string, string>();
		const twice: string[] = [];
		for (const pattern of patterns) {
			for (const key of keysOf(settings.baseLocale, pattern)) {
				if (seen.has(key)) twice.push(`${key} (${seen.get(key)} and ${pattern})`);
				seen.set(key, pattern);
			}
		}
		expect(twice).toEqual([]);
	});

	it('every message file belongs to a locale and an area in project.inlang/settings.json', () => {
		const listed = new Set(patterns.flatMap((pattern) => settings.locales.map((locale) => path.normalize(fileOf(pattern, locale)))));
		const files = fs
			.readdirSync('messages', { recursive: true, withFileTypes: true })
			.filter((entry) => entry.isFile())
			.map((entry) => path.normalize(path.join(entry.parentPath, entry.name)));
		expect(files.filter((file) => !listed.has(file))).toEqual([]);
	});

	it('every key is used somewhere in src', () => {
		const source = sourceFiles('src')
			.map((file) => fs.readFileSync(file, 'utf8'))
			.join('\n');
		const unused = baseKeys.filter((key) => !new RegExp(`\\.${key}\\(`).test(source));
		expect(unused).toEqual([]);
	});
});
