import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { X509Certificate, generateKeyPairSync } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import forge from 'node-forge';
import { DATABASE_KIND, resetDatabase } from '../helpers/database';
import { startTestApp, TestClient, pageText, type TestApp } from '../helpers/app';
import { createCoalitionScene, PASSWORD, signedInClient } from '../helpers/factories';
import { otherSeal, testAppSeal, TEST_SEAL_NAME } from '../helpers/seal';
import { db } from '../../src/lib/server/db';
import { auditEvents, coalitions, editions, letters, publications, sealCertificates } from '../../src/lib/server/db/schema';
import { openSigning } from '../../src/lib/server/signing/open-signing';
import { closeSigning } from '../../src/lib/server/signing/close-signing';
import { loadSigningText } from '../../src/lib/server/signing/signing-text';
import { editionPdfInput } from '../../src/lib/server/publication/edition-pdf-input';
import { renderPublishedPdf, renderSealedPdf, sealPlaceholderFor } from '../../src/lib/server/seal/render-published-pdf';
import { inspectPdfSeal } from '../../src/lib/server/seal/inspect-seal';
import { loadInstanceSeal } from '../../src/lib/server/seal/instance-seal';
import { parseSealSettings } from '../../src/lib/server/seal/seal-settings';
import { buildTimestampRequest, readTimestampResponse } from '../../src/lib/server/seal/timestamp';
import { SettingsError } from '../../src/lib/server/env';
import { hashBytes } from '../../src/lib/server/crypto';
import { sixteenLetter } from '../fixtures/pdf/letters';
import { startTestTsa } from '../helpers/test-tsa';

let app: TestApp;
let scene: Awaited<ReturnType<typeof createCoalitionScene>>;
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'seal-test-'));

beforeAll(async () => {
	app = await startTestApp();
});

beforeEach(async () => {
	await resetDatabase();
	scene = await createCoalitionScene();
	const { hash } = await openSigning({ actor: scene.coordinator, letterId: scene.letterId, deadlineAt: null, deadlineTimeZone: null });
	const signer = await signedInClient(app, scene.signatory.email);
	const signed = await signer.post(`/letters/${scene.letterId}/sign?/sign`, { organisationId: scene.orgB.id, textHash: hash, password: PASSWORD, signerTitle: 'Chair' });
	expect(signed.status).toBe(303);
	await closeSigning({ actor: scene.coordinator, letterId: scene.letterId });
});

async function publishThroughApp() {
	const coordinator = await signedInClient(app, scene.coordinator.email);
	const response = await coordinator.post(`/letters/${scene.letterId}/publish?/publish`, { letterDate: '2026-11-20', pageSize: 'A4', password: PASSWORD });
	expect(response.status).toBe(303);
	const [edition] = await db().select().from(editions);
	const [file] = await db().select().from(publications);
	return { edition: edition!, file: file! };
}

function save(bytes: Buffer, name = 'letter.pdf'): string {
	const file = path.join(fs.mkdtempSync(path.join(scratch, 'pdf-')), name);
	fs.writeFileSync(file, bytes);
	return file;
}

/** poppler's pdfsig (NSS underneath): what a PDF reader's signature panel says. */
function pdfsig(bytes: Buffer): string {
	try {
		return execFileSync('pdfsig', [save(bytes)], { encoding: 'utf8' });
	} catch (error) {
		// pdfsig exits non-zero when a signature does not validate; its report is still on stdout.
		return String((error as { stdout?: string }).stdout ?? '');
	}
}

function flipByteOutsideSeal(bytes: Buffer): Buffer {
	const [, , c, d] = /\/ByteRange \[(\d+) (\d+) (\d+) (\d+)/.exec(bytes.toString('latin1'))!.slice(1).map(Number) as number[];
	const changed = Buffer.from(bytes);
	const at = c! + Math.floor(d! / 2);
	changed[at] = changed[at]! ^ 1;
	return changed;
}

async function uploadForCheck(code: string, body: Buffer): Promise<string> {
	const form = new FormData();
	form.set('file', new Blob([new Uint8Array(body)], { type: 'application/pdf' }), 'letter.pdf');
	const response = await fetch(`${app.origin}/verify/${code}`, { method: 'POST', body: form, headers: { origin: app.origin, accept: 'text/html' } });
	return pageText(await response.text());
}

describe(`the published PDF's seal (${DATABASE_KIND})`, () => {
	it('a published PDF carries a PAdES seal that pdfsig validates over the whole file, and one changed byte breaks it', async () => {
		const { file } = await publishThroughApp();
		const seal = testAppSeal();
		expect(file.sealCertificateSha256).toBe(seal.key.fingerprint);
		// The audit chain records which certificate sealed each file.
		const [published] = await db().select().from(auditEvents).where(eq(auditEvents.type, 'letter.published'));
		expect(published!.data.pdfs).toEqual([{ language: file.language, sha256: file.sha256, sealCertificateSha256: seal.key.fingerprint }]);
		const report = pdfsig(file.pdf);
		expect(report).toContain('Signature Type: ETSI.CAdES.detached');
		expect(report).toContain(`Signer Certificate Common Name: ${TEST_SEAL_NAME}`);
		expect(report).toContain('Signing Hash Algorithm: SHA-256');
		expect(report).toContain('Total document signed');
		expect(report).toContain('Signature Validation: Signature is Valid.');
		const broken = pdfsig(flipByteOutsideSeal(file.pdf));
		expect(broken).not.toContain('Signature is Valid');
		expect(broken).toMatch(/Signature Validation: (Digest Mismatch|Signature is Invalid)/);
	});

	it('the seal says what it is: reason, location, contact, the publication time as signing time, and it certifies the document', async () => {
		const { file, edition } = await publishThroughApp();
		const pdf = file.pdf.toString('latin1');
		const host = new URL(app.origin).host;
		const [coalition] = await db().select().from(coalitions);
		expect(pdf).toContain(`/Reason (Published by ${coalition!.name} through ${host})`);
		expect(pdf).toContain(`/Location (${app.origin})`);
		expect(pdf).toContain(`/ContactInfo (${app.origin}/verify/${edition.code})`);
		const m = edition.publishedAt.toISOString().replace(/[-:T]/g, '').slice(0, 14);
		expect(pdf).toContain(`/M (D:${m}Z)`);
		expect(pdf).toContain('/SubFilter /ETSI.CAdES.detached');
		expect(pdf).toMatch(/\/SigFlags 3/);
		// A certification signature: the catalog's /Perms names it, DocMDP P 2.
		expect(pdf).toMatch(/\/TransformMethod \/DocMDP\n\/TransformParams <<\n\/Type \/TransformParams\n\/P 2/);
		expect(pdf).toMatch(/\/Perms <<\n\/DocMDP \d+ 0 R/);
	});

	it('the seal’s reason is in the letter’s language (issue 14): a Persian letter’s signature panel reads Persian', async () => {
		const letter = { ...sixteenLetter(), language: 'fa', coalitionName: 'ائتلاف دیاسپورا' };
		const placeholder = sealPlaceholderFor(letter, testAppSeal());
		expect(placeholder.reason).toBe(`منتشرشده از سوی ائتلاف دیاسپورا از طریق ${new URL(letter.verificationUrl).host}`);
		expect(sealPlaceholderFor({ ...letter, language: 'ja' }, testAppSeal()).reason).toMatch(/^ائتلاف دیاسپورا/);
		expect(sealPlaceholderFor({ ...letter, language: 'de' }, testAppSeal()).reason).toMatch(/^Published by /);
		// In the file, as PDF text: UTF-16BE with its byte-order mark.
		const pdf = (await renderSealedPdf(letter, testAppSeal())).toString('latin1');
		const reason = /\/Reason (<[0-9a-fA-F]+>|\((?:\\.|[^\\)])*\))/.exec(pdf)?.[1];
		expect(reason, 'the /Reason entry').toBeDefined();
		expect(pdfTextString(reason!)).toBe(placeholder.reason);
	});

	it('the CMS is a PAdES baseline signature: content type, message digest and signing-certificate-v2, no signing time', async () => {
		const { file } = await publishThroughApp();
		const [, b, c] = /\/ByteRange \[(\d+) (\d+) (\d+) (\d+)/.exec(file.pdf.toString('latin1'))!.slice(1).map(Number) as number[];
		const der = Buffer.from(file.pdf.subarray(b! + 1, c! - 1).toString('latin1'), 'hex');
		const parsed = asn1js.fromBER(der.buffer.slice(der.byteOffset, der.byteOffset + der.byteLength));
		const signedData = new pkijs.SignedData({ schema: new pkijs.ContentInfo({ schema: parsed.result }).content });
		const signer = signedData.signerInfos[0]!;
		const types = signer.signedAttrs!.attributes.map((a) => a.type);
		expect(types.sort()).toEqual(['1.2.840.113549.1.9.16.2.47', '1.2.840.113549.1.9.3', '1.2.840.113549.1.9.4'].sort());
		expect(types).not.toContain('1.2.840.113549.1.9.5');
		expect(signer.digestAlgorithm.algorithmId).toBe('2.16.840.1.101.3.4.2.1');
		expect(signer.signatureAlgorithm.algorithmId).toBe('1.2.840.113549.1.1.11');
		expect(signer.unsignedAttrs).toBeUndefined();
	});

	it('the last page says the document is sealed, by whom, and where to verify it', async () => {
		const { file, edition } = await publishThroughApp();
		const text = execFileSync('pdftotext', [save(file.pdf), '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
		expect(text).toContain('Digital seal');
		expect(text).toContain(`digitally sealed by ${TEST_SEAL_NAME}`);
		expect(text).toContain(`/verify/${edition.code}`);
	});

	it('reproducible: the same edition and key seal to the same bytes; another key gives another, equally valid seal', async () => {
		const { file, edition } = await publishThroughApp();
		const [letter] = await db().select().from(letters);
		const [coalition] = await db().select().from(coalitions);
		const signingText = await loadSigningText(edition.signingTextId);
		const input = editionPdfInput({ letter: letter!, coalitionName: coalition!.name, revision: signingText!.revisions[0]!, edition, origin: app.origin });
		expect(hashBytes(await renderSealedPdf(input, testAppSeal()))).toBe(file.sha256);
		const other = await renderSealedPdf(input, otherSeal(path.join(scratch, 'repro'), 'Another seal'));
		expect(hashBytes(other)).not.toBe(file.sha256);
		expect(inspectPdfSeal(other)).toMatchObject({ sealed: true, valid: true });
	});

	it('the verification page reports the seal of an uploaded file, with its certificate, and offers the certificate', async () => {
		const { file, edition } = await publishThroughApp();
		const seal = testAppSeal();
		const genuine = await uploadForCheck(edition.code, file.pdf);
		expect(genuine).toContain('Genuine');
		expect(genuine).toContain('The digital seal is valid and covers the whole file; it was made with this instance’s seal certificate.');
		expect(genuine).toContain(seal.key.fingerprint);
		expect(genuine).toContain(TEST_SEAL_NAME);
		const changed = await uploadForCheck(edition.code, flipByteOutsideSeal(file.pdf));
		expect(changed).toContain('NOT a published edition');
		expect(changed).toContain('The digital seal is BROKEN');
		const appended = await uploadForCheck(edition.code, Buffer.concat([file.pdf, Buffer.from('\n% added\n')]));
		expect(appended).toContain('does NOT cover the whole file');
		const page = pageText((await new TestClient(app).get(`/verify/${edition.code}`)).text);
		expect(page).toContain('Seal certificates of this instance');
		expect(page).toContain('Sealed');
		const download = await fetch(`${app.origin}/seal-certificates/${seal.key.fingerprint}`);
		expect(download.status).toBe(200);
		expect(new X509Certificate(await download.text()).fingerprint256.replaceAll(':', '').toLowerCase()).toBe(seal.key.fingerprint);
		expect((await fetch(`${app.origin}/seal-certificates/${'0'.repeat(64)}`)).status).toBe(404);
	});

	it('key rotation: an edition sealed with an earlier certificate stays verifiable against it, and both certificates are offered', async () => {
		const { file, edition } = await publishThroughApp();
		// A later publication sealed with a new key, as after changing SEAL_KEY_FILE.
		const rotated = otherSeal(path.join(scratch, 'rotated'), 'Undersigned seal 2027');
		const [letter] = await db().select().from(letters);
		const [coalition] = await db().select().from(coalitions);
		const signingText = await loadSigningText(edition.signingTextId);
		const input = editionPdfInput({ letter: letter!, coalitionName: coalition!.name, revision: signingText!.revisions[0]!, edition, origin: app.origin });
		const later = await renderPublishedPdf(db(), input, rotated);
		expect(later.sealCertificateSha256).toBe(rotated.key.fingerprint);
		expect((await db().select().from(sealCertificates)).map((c) => c.sha256).sort()).toEqual([testAppSeal().key.fingerprint, rotated.key.fingerprint].sort());
		const earlier = await uploadForCheck(edition.code, file.pdf);
		expect(earlier).toContain('made with this instance’s seal certificate');
		expect(earlier).toContain(testAppSeal().key.fingerprint);
		const page = pageText((await new TestClient(app).get(`/verify/${edition.code}`)).text);
		expect(page).toContain('Undersigned seal 2027');
		expect(page).toContain(TEST_SEAL_NAME);
	});

	it('a file sealed by someone else is reported as not this instance’s seal', async () => {
		const { edition } = await publishThroughApp();
		const stranger = await renderSealedPdf(sixteenLetter(), otherSeal(path.join(scratch, 'stranger'), 'Somebody Else'));
		const text = await uploadForCheck(edition.code, stranger);
		expect(text).toContain('NOT made with a seal certificate of this instance');
		expect(text).toContain('Somebody Else');
	});

	it('without a seal setting a production server publishes unsealed, and the verification page says so', async () => {
		const settings = { seal: parseSealSettings({}, []), dataDir: path.join(scratch, 'prod') };
		expect(loadInstanceSeal(settings, { dev: false })).toBeNull();
		const { file, edition } = await publishThroughApp();
		const [letter] = await db().select().from(letters);
		const [coalition] = await db().select().from(coalitions);
		const signingText = await loadSigningText(edition.signingTextId);
		const input = editionPdfInput({ letter: letter!, coalitionName: coalition!.name, revision: signingText!.revisions[0]!, edition, origin: app.origin });
		const unsealed = await renderPublishedPdf(db(), input, null);
		expect(unsealed.sealCertificateSha256).toBeNull();
		expect(unsealed.pdf.includes('/ByteRange')).toBe(false);
		expect(inspectPdfSeal(unsealed.pdf).sealed).toBe(false);
		// Stands in for an edition published by an unsealed instance.
		await db().update(publications).set({ pdf: unsealed.pdf, sha256: hashBytes(unsealed.pdf), size: unsealed.pdf.length, sealCertificateSha256: null }).where(eq(publications.id, file.id));
		const page = pageText((await new TestClient(app).get(`/verify/${edition.code}`)).text);
		expect(page).toContain('Unsealed');
		const checked = await uploadForCheck(edition.code, unsealed.pdf);
		expect(checked).toContain('Genuine');
		expect(checked).toContain('This file carries no digital seal.');
	});
});

describe('seal settings and keys', () => {
	function p12(options: { passphrase: string }) {
		const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
		const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
		const forgeKey = forge.pki.privateKeyFromPem(pem) as forge.pki.rsa.PrivateKey;
		const certificate = forge.pki.createCertificate();
		certificate.publicKey = forge.pki.setRsaPublicKey(forgeKey.n, forgeKey.e);
		certificate.serialNumber = '01';
		certificate.validity.notBefore = new Date();
		certificate.validity.notAfter = new Date(Date.now() + 86_400_000);
		certificate.setSubject([{ name: 'commonName', value: 'P12 seal' }]);
		certificate.setIssuer([{ name: 'commonName', value: 'P12 seal' }]);
		certificate.sign(forgeKey, forge.md.sha256.create());
		const asn1 = forge.pkcs12.toPkcs12Asn1(forgeKey, [certificate], options.passphrase, { algorithm: 'aes256' });
		const file = path.join(fs.mkdtempSync(path.join(scratch, 'p12-')), 'seal.p12');
		fs.writeFileSync(file, Buffer.from(forge.asn1.toDer(asn1).getBytes(), 'binary'));
		return file;
	}

	it('a PKCS#12 file with its passphrase is read and checked; a wrong passphrase stops start-up naming the setting', () => {
		const file = p12({ passphrase: 'seal passphrase' });
		const good = loadInstanceSeal({ seal: parseSealSettings({ SEAL_P12_FILE: file, SEAL_P12_PASSPHRASE: 'seal passphrase' }, []), dataDir: scratch }, { dev: false });
		expect(good?.key.chain[0]!.subject).toContain('P12 seal');
		expect(() => loadInstanceSeal({ seal: parseSealSettings({ SEAL_P12_FILE: file, SEAL_P12_PASSPHRASE: 'wrong' }, []), dataDir: scratch }, { dev: false })).toThrow(SettingsError);
	});

	it('a key that is not RSA, or a certificate of another key, is refused', () => {
		const dir = fs.mkdtempSync(path.join(scratch, 'bad-'));
		const rsa = otherSeal(dir, 'RSA seal');
		const ecKey = path.join(dir, 'ec.key.pem');
		fs.writeFileSync(ecKey, generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ type: 'pkcs8', format: 'pem' }));
		const certFile = path.join(dir, 'other-seal.cert.pem');
		const strangerKey = path.join(dir, 'stranger.key.pem');
		fs.writeFileSync(strangerKey, generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }));
		expect(rsa.key.fingerprint).toMatch(/^[0-9a-f]{64}$/);
		const load = (keyFile: string) => () => loadInstanceSeal({ seal: parseSealSettings({ SEAL_KEY_FILE: keyFile, SEAL_CERT_FILE: certFile }, []), dataDir: scratch }, { dev: false });
		expect(load(ecKey)).toThrow(/RSA/);
		expect(load(strangerKey)).toThrow(/belongs to the seal key/);
	});

	it('settings that do not go together are named', () => {
		const problems: string[] = [];
		parseSealSettings({ SEAL_KEY_FILE: 'k.pem', SEAL_P12_FILE: 's.p12', SEAL_TSA_URL: 'ftp://tsa' }, problems);
		expect(problems.join('\n')).toMatch(/either SEAL_P12_FILE/);
		expect(problems.join('\n')).toMatch(/SEAL_KEY_FILE and SEAL_CERT_FILE go together/);
		expect(problems.join('\n')).toMatch(/SEAL_TSA_URL/);
	});

	it('a development server generates its development seal into DATA_DIR once and reuses it', () => {
		const dataDir = fs.mkdtempSync(path.join(scratch, 'dev-'));
		const settings = { seal: parseSealSettings({}, []), dataDir };
		const first = loadInstanceSeal(settings, { dev: true });
		const second = loadInstanceSeal(settings, { dev: true });
		expect(first?.development).toBe(true);
		expect(first?.key.chain[0]!.subject).toContain('development seal');
		expect(second?.key.fingerprint).toBe(first?.key.fingerprint);
		expect(fs.statSync(path.join(dataDir, 'seal', 'development-seal.key.pem')).mode & 0o077).toBe(0);
	});
});

describe('RFC 3161 timestamp requests (PAdES B-T)', () => {
	it('asks for a SHA-256 imprint of the signature value, with a nonce and the authority’s certificate', () => {
		const signature = Buffer.from('signature value');
		const request = pkijs.TimeStampReq.fromBER(new Uint8Array(buildTimestampRequest(signature, Buffer.from('0123456789abcdef', 'hex'))).buffer);
		expect(request.version).toBe(1);
		expect(request.certReq).toBe(true);
		expect(request.messageImprint.hashAlgorithm.algorithmId).toBe('2.16.840.1.101.3.4.2.1');
		expect(Buffer.from(request.messageImprint.hashedMessage.getValue()).toString('hex')).toBe(hashBytes(signature));
		expect(request.nonce).toBeDefined();
	});

	it('with SEAL_TSA_URL the seal carries a signature timestamp (B-T); the signed bytes stay those of the B-B seal', async () => {
		const tsa = await startTestTsa();
		try {
			const base = otherSeal(path.join(scratch, 'tsa'), 'Timestamped seal');
			const input = sixteenLetter();
			const timestamped = await renderSealedPdf(input, { ...base, tsaUrl: tsa.url });
			expect(tsa.requests).toBe(1);
			const report = inspectPdfSeal(timestamped);
			expect(report).toMatchObject({ sealed: true, valid: true, coversWholeFile: true });
			expect(report.sealed && report.timestampTime).toMatch(/^\d{4}-\d{2}-\d{2}T/);
			expect(pdfsig(timestamped)).toContain('Signature Validation: Signature is Valid.');
			// Only /Contents differs: the timestamp is an unsigned attribute.
			const again = await renderSealedPdf(input, { ...base, tsaUrl: tsa.url });
			const ranges = (pdf: Buffer) => {
				const [a, b, c, d] = /\/ByteRange \[(\d+) (\d+) (\d+) (\d+)/.exec(pdf.toString('latin1'))!.slice(1).map(Number) as number[];
				return Buffer.concat([pdf.subarray(a!, a! + b!), pdf.subarray(c!, c! + d!)]);
			};
			expect(ranges(again).equals(ranges(timestamped))).toBe(true);
		} finally {
			await tsa.close();
		}
	});

	it('a refusal by the authority is an error, not an unsealed file', () => {
		const refusal = new pkijs.TimeStampResp({ status: new pkijs.PKIStatusInfo({ status: 2 }) });
		const request = buildTimestampRequest(Buffer.from('x'));
		expect(() => readTimestampResponse(new Uint8Array(refusal.toSchema().toBER()), request)).toThrow(/refused/);
	});
});

/** A PDF text string as written in the file, (literal) or <hex>, decoded: UTF-16BE after a byte-order mark, else PDFDocEncoding taken as Latin-1. */
function pdfTextString(token: string): string {
	let bytes: Buffer;
	if (token.startsWith('<')) bytes = Buffer.from(token.slice(1, -1), 'hex');
	else {
		const body = token.slice(1, -1).replace(/\\([nrtbf()\\]|[0-7]{1,3})/g, (_, e: string) => {
			const named: Record<string, string> = { n: '\n', r: '\r', t: '\t', b: '\b', f: '\f', '(': '(', ')': ')', '\\': '\\' };
			return named[e] ?? String.fromCharCode(parseInt(e, 8));
		});
		bytes = Buffer.from(body, 'latin1');
	}
	if (bytes[0] === 0xfe && bytes[1] === 0xff) return bytes.subarray(2).swap16().toString('utf16le');
	return bytes.toString('latin1');
}
