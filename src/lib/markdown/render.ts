import MarkdownIt, { type MarkdownIt as Markdown } from 'markdown-it';

/*
 * The letter body's Markdown subset (XS1). This module runs in the browser for the
 * live preview as well as on the server, so it must stay free of server-only
 * imports; the server additionally sanitises the output (see
 * $lib/server/letters/render-body.ts) so a mistake here cannot reach a page.
 *
 * We start from markdown-it's 'zero' preset, which enables nothing but paragraphs,
 * and switch on only what a letter needs. Everything else (code blocks and fences,
 * tables, images, horizontal rules, raw HTML, strikethrough, setext headings,
 * reference definitions) stays off and is shown as the characters that were typed.
 */
const BLOCK_RULES = ['heading', 'list', 'blockquote'];
// 'escape' lets writers type a literal `*` or `1.`, and gives the `\` hard break;
// 'newline' gives the two-space hard break; 'entity' keeps `&amp;` readable.
const INLINE_RULES = ['emphasis', 'link', 'autolink', 'newline', 'escape', 'entity'];

export const LINK_REL = 'noopener noreferrer nofollow';

/** The deepest heading a letter may have; `#####` and `######` are shown as this level. */
const DEEPEST_HEADING = 4;

// markdown-it hands validateLink the normalised (percent-encoded) destination, so
// white space or control characters hidden inside a scheme no longer spell a
// scheme. An allow-list, not markdown-it's default deny-list: relative links and
// every other scheme are refused too, because a letter only ever links out.
const ALLOWED_LINK = /^(?:https?:\/\/|mailto:)/i;

export function isAllowedLink(url: string): boolean {
	return ALLOWED_LINK.test(url.trim());
}

export function createMarkdown(): Markdown {
	const md = new MarkdownIt('zero', { html: false, linkify: false, typographer: false, breaks: false });
	md.enable(BLOCK_RULES);
	md.enable(INLINE_RULES);
	md.validateLink = isAllowedLink;

	md.core.ruler.push('clamp_headings', (state) => {
		for (const token of state.tokens) {
			if ((token.type === 'heading_open' || token.type === 'heading_close') && Number(token.tag.slice(1)) > DEEPEST_HEADING) {
				token.tag = `h${DEEPEST_HEADING}`;
			}
		}
	});

	md.renderer.rules.link_open = (tokens, idx, options, _env, self) => {
		const token = tokens[idx];
		if (token) {
			token.attrSet('rel', LINK_REL);
			// Titles and targets are dropped so the preview shows what the server keeps.
			token.attrs = (token.attrs ?? []).filter(([name]) => name === 'href' || name === 'rel');
		}
		return self.renderToken(tokens, idx, options);
	};
	return md;
}

// One shared instance: it holds no per-user state, only configuration.
const markdown = createMarkdown();

/** Renders letter Markdown to HTML for the preview; the server also sanitises it. */
export function renderMarkdown(source: string): string {
	return markdown.render(source);
}
