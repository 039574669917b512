import sanitizeHtml from 'sanitize-html';
import { LINK_REL, renderMarkdown } from '$lib/markdown/render';
import { splitParagraphs } from '$lib/markdown/paragraphs';

/*
 * XS1, defence in depth: markdown-it is configured never to emit raw HTML or a
 * non-http(s)/mailto link, but the HTML it produces still passes an explicit
 * allow-list here, so a parser bug or a future change to the Markdown subset
 * cannot put a script, an event handler or a javascript: link on a page, in an
 * e-mail or in a PDF.
 */
const SANITIZE_OPTIONS: sanitizeHtml.IOptions = {
	allowedTags: ['p', 'h1', 'h2', 'h3', 'h4', 'ol', 'ul', 'li', 'strong', 'em', 'a', 'blockquote', 'br'],
	allowedAttributes: { a: ['href', 'rel'], ol: ['start'] },
	allowedSchemes: ['http', 'https', 'mailto'],
	allowedSchemesByTag: {},
	allowedSchemesAppliedToAttributes: ['href'],
	// `//evil.example` has no scheme for the allow-list to refuse.
	allowProtocolRelative: false,
	// Unknown tags are dropped but their text kept; script and style lose their text too.
	disallowedTagsMode: 'discard',
	transformTags: {
		// Forced, not trusted from the input, so every link gets it.
		a: (tagName, attribs) => ({ tagName, attribs: { ...attribs, rel: LINK_REL } }),
		// Only a plain number is a list start; anything else is dropped.
		ol: (tagName, attribs) => {
			const kept: sanitizeHtml.Attributes = {};
			if (attribs.start !== undefined && /^\d{1,9}$/.test(attribs.start)) kept.start = attribs.start;
			return { tagName, attribs: kept };
		}
	}
};

/** Keeps only the elements and attributes the letter subset produces. Exported so the allow-list itself is tested. */
export function sanitizeLetterHtml(html: string): string {
	return sanitizeHtml(html, SANITIZE_OPTIONS);
}

/*
 * AV3 (issue 11 point 4): a body of 100,000 characters can take a few hundred
 * milliseconds to render and sanitise, and public letter pages render it for every
 * anonymous visitor. Bodies are immutable per revision, so the last few renderings
 * are kept, keyed by the source (in this process, least recently used out).
 */
const RENDERED_KEPT = 32;
const rendered = new Map<string, string>();

/** The letter body as HTML that is safe to put on a page: rendered, then sanitised. */
export function renderLetterBody(source: string): string {
	const kept = rendered.get(source);
	if (kept !== undefined) {
		rendered.delete(source);
		rendered.set(source, kept);
		return kept;
	}
	const html = sanitizeLetterHtml(renderMarkdown(source));
	rendered.set(source, html);
	if (rendered.size > RENDERED_KEPT) rendered.delete(rendered.keys().next().value as string);
	return html;
}

export interface RenderedParagraph {
	/** 1-based, as splitParagraphs numbers them for comments. */
	index: number;
	/** Safe to put on a page: rendered, then sanitised. */
	html: string;
}

const renderedParagraphs = new Map<string, RenderedParagraph[]>();

/**
 * The letter body as one safe HTML fragment per paragraph a comment can be about,
 * so the page can set each paragraph's comments beside it. Each block is its own
 * Markdown (an ordered item keeps its number through `start`); kept like renderLetterBody.
 */
export function renderLetterParagraphs(source: string): RenderedParagraph[] {
	const kept = renderedParagraphs.get(source);
	if (kept !== undefined) {
		renderedParagraphs.delete(source);
		renderedParagraphs.set(source, kept);
		return kept;
	}
	const paragraphs = splitParagraphs(source).map((p) => ({ index: p.index, html: sanitizeLetterHtml(renderMarkdown(p.text)) }));
	renderedParagraphs.set(source, paragraphs);
	if (renderedParagraphs.size > RENDERED_KEPT) renderedParagraphs.delete(renderedParagraphs.keys().next().value as string);
	return paragraphs;
}
