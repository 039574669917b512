/*
 * PDF rendering speed and memory: `npm run bench`. Renders letters with 16, 500
 * and 5,000 signatory organisations whose names cycle through every script a
 * letter may carry (Latin, Greek, Cyrillic, Armenian, Georgian, Hebrew, Arabic
 * script, Ethiopic, Indic, Sinhala, Thai, Lao, Myanmar, Khmer, Tibetan, Chinese,
 * Japanese, Korean) in one warm process: fonts are parsed once, as in the server,
 * and each render gets fresh organisation names so no per-document cache is
 * reused. First, the first render in a fresh process, fonts unparsed, as after a
 * deploy. Prints one `name value unit` per line; targets: 500 under 100 ms and
 * 5,000 under 500 ms warm (median), the first render under 1 s.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { renderLetterPdf } from '../../src/lib/server/pdf/render-letter-pdf';
import { everyScriptSignatories, sixteenLetter } from '../fixtures/pdf/letters';

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
	return sixteenLetter({ signatories: everyScriptSignatories(count, seed), signatureRecord: null });
}

function peakMegabytes(): number {
	return Math.round(process.resourceUsage().maxRSS / 1024);
}

/** In the child: one render of the 500-signatory letter, timed from a loaded module. */
async function firstRender(): Promise<void> {
	const input = letter(500, 0);
	const start = performance.now();
	await renderLetterPdf(input);
	console.log(`pdf_first_render_n500 ${Math.round(performance.now() - start)} ms`);
	console.log(`pdf_first_render_peak_rss ${peakMegabytes()} MB`);
}

async function main(): Promise<void> {
	const child = spawnSync(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), '--first'], { encoding: 'utf8' });
	process.stdout.write(child.stdout);
	if (child.status !== 0) throw new Error(`the first-render process failed: ${child.stderr}`);
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
		console.log(`pdf_n${count}_peak_rss ${peakMegabytes()} MB`);
	}
}

if (process.argv.includes('--first')) await firstRender();
else await main();
