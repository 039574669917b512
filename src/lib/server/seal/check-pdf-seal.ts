import { inspectPdfSeal, type SealReport } from './inspect-seal';
import { loadSealCertificate } from './record-seal-certificate';

export type SealCheck = SealReport & {
	/** The seal was made with one of this instance's seal certificates (current or earlier). */
	instanceCertificate: boolean;
	/** One sentence for the verification page. */
	summary: string;
};

function summarise(report: SealReport, instanceCertificate: boolean): string {
	if (!report.sealed) return 'This file carries no digital seal.';
	if (!report.valid) {
		if (!report.coversWholeFile) return 'The digital seal does NOT cover the whole file: something was added or changed after sealing.';
		return `The digital seal is BROKEN: the file was changed after it was sealed${report.problem ? ` (${report.problem})` : ''}.`;
	}
	return instanceCertificate
		? 'The digital seal is valid and covers the whole file; it was made with this instance’s seal certificate.'
		: 'The digital seal is valid and covers the whole file, but it was NOT made with a seal certificate of this instance.';
}

/** What the verification page says about an uploaded file's seal (issue 15, point 3). */
export async function checkPdfSeal(bytes: Buffer): Promise<SealCheck> {
	const report = inspectPdfSeal(bytes);
	const instanceCertificate = report.sealed && report.certificate ? Boolean(await loadSealCertificate(report.certificate.sha256)) : false;
	return { ...report, instanceCertificate, summary: summarise(report, instanceCertificate) };
}
