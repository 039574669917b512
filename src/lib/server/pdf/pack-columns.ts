/** The entries (by index) that go into each column of one page. */
export interface ColumnPage {
	columns: number[][];
}

export interface PackOptions {
	columns: number;
	/** Height left for entries on the page where the list starts. */
	firstHeight: number;
	/** Height for entries on each following page. */
	pageHeight: number;
	/**
	 * Height of what follows the list, below all its columns, on the page where it
	 * ends; 0 when nothing must.
	 */
	tailHeight?: number;
}

/** Entries carried over, per column, with what follows the list when it does not fit after them. */
const CARRIED_PER_COLUMN = 2;

/** How many columns of height `limit` entries from `start` on need when filled in order. */
function columnsNeeded(heights: readonly number[], start: number, limit: number): number {
	let columns = 1;
	let used = 0;
	for (let i = start; i < heights.length; i++) {
		const height = heights[i] ?? 0;
		if (used > 0 && used + height > limit) {
			columns += 1;
			used = 0;
		}
		used += height;
	}
	return columns;
}

/** Fills up to `columns` columns of height `limit` from `start`; returns them. */
function fill(heights: readonly number[], start: number, columns: number, limit: number): number[][] {
	const result: number[][] = [];
	let i = start;
	while (result.length < columns && i < heights.length) {
		const column: number[] = [];
		let used = 0;
		// An entry taller than a whole column still gets one to itself, so the list
		// always moves on; entries are never split.
		while (i < heights.length && (column.length === 0 || used + (heights[i] ?? 0) <= limit)) {
			used += heights[i] ?? 0;
			column.push(i);
			i += 1;
		}
		if (column.length === 1 && used > limit && result.length > 0) {
			// Doesn't fit beside the others: leave it for the next page.
			i -= 1;
			break;
		}
		result.push(column);
	}
	return result;
}

/**
 * Places the signatory list's entries, in order, into columns page by page. An
 * entry is never split across columns or pages. Columns are filled one after the
 * other (down the first, then down the second); on the page where the list ends,
 * the columns are balanced so the list does not end in one long and one short column.
 */
export function packColumns(heights: readonly number[], options: PackOptions): ColumnPage[] {
	const pages: ColumnPage[] = [];
	const tail = options.tailHeight ?? 0;
	let start = 0;
	let limit = options.firstHeight;
	while (start < heights.length) {
		if ((heights[start] ?? 0) > limit && limit < options.pageHeight) {
			// Not even one entry fits where the list would start: begin on the next page.
			pages.push({ columns: [] });
			limit = options.pageHeight;
			continue;
		}
		let end = heights.length;
		let columns: number[][];
		if (columnsNeeded(heights, start, limit) > options.columns) {
			columns = fill(heights, start, options.columns, limit);
		} else if (tail > 0 && columnsNeeded(heights, start, limit - tail) > options.columns) {
			// The rest of the list fits here, but not with what follows it, which would
			// then be alone on the next page: the last entries go over with it.
			end = Math.max(start + 1, heights.length - CARRIED_PER_COLUMN * options.columns);
			columns = fill(heights.slice(0, end), start, options.columns, limit);
		} else {
			// The list ends here: columns balanced, with room for what follows.
			const room = tail > 0 ? limit - tail : limit;
			columns = fill(heights, start, options.columns, balancedLimit(heights, start, options.columns, room));
		}
		pages.push({ columns });
		start += columns.reduce((count, column) => count + column.length, 0);
		limit = options.pageHeight;
	}
	return pages;
}

/** The smallest column height at which the remaining entries still fit in `columns` columns. */
function balancedLimit(heights: readonly number[], start: number, columns: number, limit: number): number {
	let tallest = 0;
	for (let i = start; i < heights.length; i++) tallest = Math.max(tallest, heights[i] ?? 0);
	let low = Math.min(tallest, limit);
	let high = limit;
	if (columnsNeeded(heights, start, low) <= columns) return low;
	for (let step = 0; step < 40 && high - low > 0.01; step++) {
		const middle = (low + high) / 2;
		if (columnsNeeded(heights, start, middle) <= columns) high = middle;
		else low = middle;
	}
	return high;
}
