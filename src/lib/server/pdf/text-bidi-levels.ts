import bidiFactory, { type EmbeddingLevels } from 'bidi-js';
import type { Direction, TextSpan } from './text-types';

/** The Unicode Bidirectional Algorithm (bidi-js), shared by the text modules. */
export const bidi = bidiFactory();

const FIRST_STRONG_ISOLATE = '\u2068';
const POP_DIRECTIONAL_ISOLATE = '\u2069';

/**
 * Bidi levels of the joined spans. Isolated spans are wrapped in FSI…PDI for the
 * algorithm only; the marks are then dropped again, so they are neither drawn
 * (fonts have no glyph for them) nor copied out of the PDF.
 */
export function resolveLevels(spans: TextSpan[], parts: string[], direction: Direction): EmbeddingLevels {
	if (!spans.some((span) => span.isolate)) return bidi.getEmbeddingLevels(parts.join(''), direction);
	const keep: boolean[] = [];
	let marked = '';
	parts.forEach((part, index) => {
		if (spans[index]?.isolate) {
			marked += FIRST_STRONG_ISOLATE + part + POP_DIRECTIONAL_ISOLATE;
			keep.push(false);
			for (let k = 0; k < part.length; k++) keep.push(true);
			keep.push(false);
		} else {
			marked += part;
			for (let k = 0; k < part.length; k++) keep.push(true);
		}
	});
	const resolved = bidi.getEmbeddingLevels(marked, direction);
	const levels = new Uint8Array(parts.join('').length);
	const cleanIndex: number[] = [];
	let j = 0;
	for (let i = 0; i < marked.length; i++) {
		cleanIndex.push(j);
		if (keep[i]) levels[j++] = resolved.levels[i] ?? 0;
	}
	const paragraphs = resolved.paragraphs.map((paragraph) => ({
		level: paragraph.level,
		start: cleanIndex[paragraph.start] ?? 0,
		end: Math.max(0, Math.min(levels.length - 1, (cleanIndex[paragraph.end] ?? levels.length) - (keep[paragraph.end] ? 0 : 1)))
	}));
	return { levels, paragraphs };
}
