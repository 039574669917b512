import { isAllowedLink, LINK_REL } from '$lib/markdown/render';

/*
 * XS1 in the browser: the editor's live preview goes through the same allow-list as
 * the server's sanitiser (src/lib/server/letters/render-body.ts), built on the
 * browser's own parser, so a mistake in the Markdown renderer cannot put script into
 * the editor page either. An inert <template> parses without running anything.
 */
const ALLOWED_TAGS = new Set(['P', 'H1', 'H2', 'H3', 'H4', 'OL', 'UL', 'LI', 'STRONG', 'EM', 'A', 'BLOCKQUOTE', 'BR']);
const DROPPED_WITH_CONTENT = new Set(['SCRIPT', 'STYLE', 'TEMPLATE', 'IFRAME', 'OBJECT', 'EMBED', 'SVG', 'MATH', 'NOSCRIPT', 'TEXTAREA', 'TITLE']);

function clean(node: Node, doc: Document): Node[] {
	if (node.nodeType === Node.TEXT_NODE) return [doc.createTextNode(node.textContent ?? '')];
	if (node.nodeType !== Node.ELEMENT_NODE) return [];
	const element = node as Element;
	const children = [...element.childNodes].flatMap((child) => clean(child, doc));
	const tag = element.tagName.toUpperCase();
	if (DROPPED_WITH_CONTENT.has(tag)) return [];
	if (!ALLOWED_TAGS.has(tag)) return children;
	const copy = doc.createElement(tag.toLowerCase());
	if (tag === 'A') {
		const href = element.getAttribute('href');
		if (href && isAllowedLink(href)) copy.setAttribute('href', href);
		copy.setAttribute('rel', LINK_REL);
	}
	if (tag === 'OL') {
		const start = element.getAttribute('start');
		if (start && /^\d{1,9}$/.test(start)) copy.setAttribute('start', start);
	}
	copy.append(...children);
	return [copy];
}

/** In the browser, keeps only the tags and attributes a letter body may have; on the server it returns the input unchanged (the server sanitises what it stores and shows). */
export function sanitizePreviewHtml(html: string): string {
	if (typeof document === 'undefined') return html;
	const template = document.createElement('template');
	template.innerHTML = html;
	const doc = document.implementation.createHTMLDocument('');
	const container = doc.createElement('div');
	container.append(...[...template.content.childNodes].flatMap((child) => clean(child, doc)));
	return container.innerHTML;
}
