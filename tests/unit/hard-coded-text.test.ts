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

/** Components not yet moved to messages; each area's work removes its files. Must end empty. */
const NOT_YET_TRANSLATED = new Set<string>([
	'src/lib/components/ConfirmButton.svelte',
	'src/lib/components/DomainBadge.svelte',
	'src/lib/components/NameClashes.svelte',
	'src/lib/components/NeedsYou.svelte',
	'src/lib/components/OrganisationForm.svelte',
	'src/lib/components/PersonalMessageField.svelte',
	'src/lib/components/PreviewPdfLinks.svelte',
	'src/lib/components/SealCheckResult.svelte',
	'src/routes/+error.svelte',
	'src/routes/+page.svelte',
	'src/routes/account/+page.svelte',
	'src/routes/account/two-factor/+page.svelte',
	'src/routes/admin/coalitions/+page.svelte',
	'src/routes/coalition-invitations/[token=token]/+page.svelte',
	'src/routes/coalitions/+page.svelte',
	'src/routes/coalitions/[id=id]/+page.svelte',
	'src/routes/coalitions/new/+page.svelte',
	'src/routes/dev/mail/+page.svelte',
	'src/routes/dev/mail/[id]/+page.svelte',
	'src/routes/forgot-password/+page.svelte',
	'src/routes/invitations/[token=token]/+page.svelte',
	'src/routes/letters/[id=id]/+page.svelte',
	'src/routes/letters/[id=id]/publish/+page.svelte',
	'src/routes/letters/[id=id]/recipients/+page.svelte',
	'src/routes/letters/[id=id]/sign/+page.svelte',
	'src/routes/letters/[id=id]/signatories/+page.svelte',
	'src/routes/letters/[id=id]/signatures/[signatureId=id]/+page.svelte',
	'src/routes/letters/[id=id]/signing/+page.svelte',
	'src/routes/open-letters/[id=id]/+page.svelte',
	'src/routes/organisations/+page.svelte',
	'src/routes/organisations/[id=id]/+page.svelte',
	'src/routes/organisations/[id=id]/domain/+page.svelte',
	'src/routes/organisations/[id=id]/edit/+page.svelte',
	'src/routes/organisations/[id=id]/second-factor/+page.svelte',
	'src/routes/organisations/new/+page.svelte',
	'src/routes/reset-password/[token=token]/+page.svelte',
	'src/routes/sign-in/+page.svelte',
	'src/routes/sign-in/two-factor/+page.svelte',
	'src/routes/sign-invitations/[token=token]/+page.svelte',
	'src/routes/sign-on/[id=id]/+page.svelte',
	'src/routes/sign-up/+page.svelte',
	'src/routes/unsubscribe/[token=token]/+page.svelte',
	'src/routes/verify-email/+page.svelte',
	'src/routes/verify-email/[token=token]/+page.svelte',
	'src/routes/verify/[code=token]/+page.svelte',
]);

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
	it.each(files.filter((file) => !NOT_YET_TRANSLATED.has(file)))('%s reads its words from the message files', (file) => {
		expect(hardCoded(file).map(({ line, text }) => `${line}: ${text}`)).toEqual([]);
	});

	it('the list of components still to translate names only files that exist and still need it', () => {
		const stale = [...NOT_YET_TRANSLATED].filter((file) => !fs.existsSync(file) || hardCoded(file).length === 0);
		expect(stale).toEqual([]);
	});
});
