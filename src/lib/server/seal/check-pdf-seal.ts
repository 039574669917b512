import { inspectPdfSeal, type SealReport } from './inspect-seal';
import { loadSealCertificate } from './record-seal-certificate';
import { m } from '$lib/paraglide/messages.js';

export type SealCheck = SealReport & {
	/** The seal was made with one of this instance's seal certificates (current or earlier). */
	instanceCertificate: boolean;
	/** One sentence for the verification page. */
	summary: string;
};

function summarise(report: SealReport, instanceCertificate: boolean): string {
	if (!report.sealed) return m.pub_seal_no_seal();
	if (!report.valid) {
		if (!report.coversWholeFile) return m.pub_seal_not_whole_file();
		return report.problem ? m.pub_seal_broken_because({ problem: report.problem }) : m.pub_seal_broken();
	}
	return instanceCertificate
		? m.pub_seal_valid_ours()
		: m.pub_seal_valid_foreign();
}

/** What the verification page says about an uploaded file's seal (issue 15, point 3). */
export async function checkPdfSeal(bytes: Buffer): Promise<SealCheck> {
	const report = inspectPdfSeal(bytes);
	const instanceCertificate = report.sealed && report.certificate ? Boolean(await loadSealCertificate(report.certificate.sha256)) : false;
	return { ...report, instanceCertificate, summary: summarise(report, instanceCertificate) };
}
