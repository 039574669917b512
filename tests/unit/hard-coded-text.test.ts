import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'svelte/compiler';
import { describe, expect, it } from 'vitest';

/*
 * Issue 14, point 1: no words written into a component's markup. Every text a person
 * reads comes from the message files (m.*()), so each language shows its own. This
 * walks every .svelte file's template (svelte/compiler's AST) and lists text nodes and
 * readable attributes (aria-label, title, placeholder, alt, label) that hold letters.
 */
const READABLE_ATTRIBUTES = new Set(['aria-label', 'aria-description', 'title', 'placeholder', 'alt', 'label']);

/** Words that are the same in every language: the product's name and technical names. */
const SAME_IN_EVERY_LANGUAGE = new Set(['Undersigned', 'PDF', 'CSV', 'SHA-256', 'UTC', 'QR', 'TOTP', 'URL', 'DNS', 'TXT', 'HTML', 'Markdown', 'ID']);

function svelteFiles(dir: string): string[] {
	return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
		const full = path.join(dir, entry.name);
		if (entry.isDirectory()) return sourceDir(full) ? svelteFiles(full) : [];
		return entry.name.endsWith('.svelte') ? [full] : [];
	});
}
const sourceDir = (dir: string) => dir !== path.join('src', 'lib', 'paraglide');

interface Found {
	line: number;
	text: string;
}

function hardCoded(file: string): Found[] {
	const source = fs.readFileSync(file, 'utf8');
	const ast = parse(source, { modern: true });
	const found: Found[] = [];
	const lineOf = (offset: number) => source.slice(0, offset).split('\n').length;
	const check = (text: string, start: number) => {
		const trimmed = text.replace(/\s+/g, ' ').trim();
		if (!/\p{L}/u.test(trimmed) || SAME_IN_EVERY_LANGUAGE.has(trimmed)) return;
		// HTML entities alone (&nbsp;, &middot;) are not words.
		if (/^(&\w+;|\s)+$/.test(trimmed)) return;
		found.push({ line: lineOf(start), text: trimmed });
	};
	const visit = (node: unknown): void => {
		if (!node || typeof node !== 'object') return;
		if (Array.isArray(node)) return node.forEach(visit);
		const n = node as { type?: string; data?: string; start: number; name?: string; value?: unknown };
		if (n.type === 'Text' && typeof n.data === 'string') check(n.data, n.start);
		if (n.type === 'Attribute' && n.name && READABLE_ATTRIBUTES.has(n.name) && Array.isArray(n.value)) {
			for (const part of n.value as { type: string; data?: string; start: number }[]) if (part.type === 'Text' && part.data) check(part.data, part.start);
			return;
		}
		if (n.type === 'Attribute') return;
		for (const [key, value] of Object.entries(n)) if (key !== 'metadata' && key !== 'parent') visit(value);
	};
	visit(ast.fragment);
	return found;
}

const files = svelteFiles('src').sort();

describe('no hard-coded words in components', () => {
	it.each(files)('%s reads its words from the message files', (file) => {
		expect(hardCoded(file).map(({ line, text }) => `${line}: ${text}`)).toEqual([]);
	});
});
