/*
 * Sealing speed: `npm run bench` (issue 15). A letter is rendered once with its seal
 * placeholder; then only the seal is timed: the byte ranges, their SHA-256, the
 * signed attributes, the RSA-2048 signature and the CMS. Prints `name value unit`.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { renderLetterPdf } from '../../src/lib/server/pdf/render-letter-pdf';
import { generateSelfSignedSeal } from '../../src/lib/server/seal/development-seal';
import { loadPemSealKey } from '../../src/lib/server/seal/seal-key';
import { sealPdf } from '../../src/lib/server/seal/seal-pdf';
import { sealPlaceholderFor } from '../../src/lib/server/seal/render-published-pdf';
import { manySignatories, sixteenLetter } from '../fixtures/pdf/letters';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'seal-bench-'));
const files = generateSelfSignedSeal({ dir, name: 'bench', commonName: 'Undersigned bench seal' });
const seal = { key: loadPemSealKey(files.keyFile, files.certFile), tsaUrl: undefined, development: false };

function median(times: number[]): number {
	const sorted = [...times].sort((a, b) => a - b);
	return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

async function timeSealing(input: ReturnType<typeof sixteenLetter>, runs: number): Promise<number[]> {
	const pdf = await renderLetterPdf({ ...input, seal: sealPlaceholderFor(input, seal) });
	await sealPdf(pdf, seal.key);
	const times: number[] = [];
	for (let run = 0; run < runs; run++) {
		const start = performance.now();
		await sealPdf(pdf, seal.key);
		times.push(performance.now() - start);
	}
	return times;
}

const small = await timeSealing(sixteenLetter(), 50);
const large = await timeSealing(sixteenLetter({ signatories: manySignatories(5000, 1), signatureRecord: null }), 15);
const sorted = [...small].sort((a, b) => a - b);
console.log(`pdf_seal_ms ${median(small).toFixed(1)} ms`);
console.log(`pdf_seal_p95_ms ${(sorted[Math.ceil(sorted.length * 0.95) - 1] ?? Number.NaN).toFixed(1)} ms`);
console.log(`pdf_seal_n5000_ms ${median(large).toFixed(1)} ms`);
fs.rmSync(dir, { recursive: true, force: true });
