/*
 * PDF rendering speed and memory: `npm run bench`. Renders letters with 16, 500
 * and 5,000 signatory organisations in mixed scripts (Latin, Cyrillic, Japanese,
 * Chinese, Korean, Persian) in one warm process: fonts are parsed once, as in the
 * server, and each render gets fresh organisation names so no per-document cache
 * is reused. Prints one `name value unit` per line.
 */
import { renderLetterPdf } from '../../src/lib/server/pdf/render-letter-pdf';
import { manySignatories, sixteenLetter } from '../fixtures/pdf/letters';

const RUNS: [count: number, runs: number][] = [
	[16, 30],
	[500, 20],
	[5000, 7]
];

function percentile(sorted: number[], p: number): number {
	const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
	return sorted[Math.max(0, index)] ?? Number.NaN;
}

function letter(count: number, seed: number) {
	const signatories = manySignatories(count, seed);
	return sixteenLetter({
		signatories,
		signatureRecord: null
	});
}

async function main(): Promise<void> {
	// Warm-up: parse the fonts, let the JIT settle.
	for (const [count] of RUNS) await renderLetterPdf(letter(count, 0));
	for (const [count, runs] of RUNS) {
		const times: number[] = [];
		let bytes = 0;
		for (let run = 1; run <= runs; run++) {
			const input = letter(count, run);
			const start = performance.now();
			const pdf = await renderLetterPdf(input);
			times.push(performance.now() - start);
			bytes = pdf.length;
		}
		times.sort((a, b) => a - b);
		console.log(`pdf_n${count}_median ${Math.round(percentile(times, 50))} ms`);
		console.log(`pdf_n${count}_p95 ${Math.round(percentile(times, 95))} ms`);
		console.log(`pdf_n${count}_size ${Math.round(bytes / 1024)} KiB`);
		// maxRSS is the process's peak so far; sizes run smallest first.
		console.log(`pdf_n${count}_peak_rss ${Math.round(process.resourceUsage().maxRSS / 1024)} MB`);
	}
}

await main();
