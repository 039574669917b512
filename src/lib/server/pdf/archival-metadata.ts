/*
 * PDF/A (ISO 19005-2, level B) asks for XMP metadata equivalent to the document
 * information dictionary (6.6.2.3): dc:title for Title, dc:creator for Author,
 * dc:description for Subject, pdf:Keywords, pdf:Producer, xmp:CreatorTool for
 * Creator, xmp:CreateDate and xmp:ModifyDate for the two dates. pdfkit writes the
 * XMP itself (its PDF/A subset adds pdfaid:part and the sRGB output intent) but
 * copies the strings into the XML unescaped, so a title such as "Rights & Freedoms"
 * would make the packet unreadable, and it leaves ModifyDate out. Its writer is
 * replaced here by one that writes every field, escaped.
 *
 * The dates are the publication time the caller gives, never the clock, so the
 * file stays reproducible (IG4).
 */

export interface ArchivalInfo {
	Title: string;
	Author: string;
	Subject: string;
	Keywords: string;
	Creator: string;
	Producer: string;
	CreationDate: Date;
	ModDate: Date;
}

// XML 1.0 allows no C0 controls but tab, line feed and carriage return.
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const NOT_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g;

export function escapeXml(text: string): string {
	return text
		.replace(NOT_XML, '')
		.replace(/&/g, '&amp;')
		.replace(/</g, '&lt;')
		.replace(/>/g, '&gt;')
		.replace(/"/g, '&quot;');
}

/** "2024-05-20T14:03:11Z": the same second as the Info dictionary's D:20240520140311Z. */
function xmpDate(date: Date): string {
	return `${date.toISOString().slice(0, 19)}Z`;
}

/** The XMP descriptions of the document's information, in the letter's language. */
export function xmpDescriptions(info: ArchivalInfo, language: string): string {
	const e = escapeXml;
	const lang = e(language);
	return `<rdf:Description rdf:about="" xmlns:xmp="http://ns.adobe.com/xap/1.0/">
<xmp:CreateDate>${xmpDate(info.CreationDate)}</xmp:CreateDate>
<xmp:ModifyDate>${xmpDate(info.ModDate)}</xmp:ModifyDate>
<xmp:MetadataDate>${xmpDate(info.ModDate)}</xmp:MetadataDate>
<xmp:CreatorTool>${e(info.Creator)}</xmp:CreatorTool>
</rdf:Description>
<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/">
<dc:format>application/pdf</dc:format>
<dc:title><rdf:Alt><rdf:li xml:lang="x-default">${e(info.Title)}</rdf:li><rdf:li xml:lang="${lang}">${e(info.Title)}</rdf:li></rdf:Alt></dc:title>
<dc:creator><rdf:Seq><rdf:li>${e(info.Author)}</rdf:li></rdf:Seq></dc:creator>
<dc:description><rdf:Alt><rdf:li xml:lang="x-default">${e(info.Subject)}</rdf:li></rdf:Alt></dc:description>
</rdf:Description>
<rdf:Description rdf:about="" xmlns:pdf="http://ns.adobe.com/pdf/1.3/">
<pdf:Producer>${e(info.Producer)}</pdf:Producer>
<pdf:Keywords>${e(info.Keywords)}</pdf:Keywords>
</rdf:Description>`;
}

/**
 * Makes pdfkit write these XMP descriptions instead of its own. `_addInfo` is
 * pdfkit's (0.15 to 0.20) private hook, called once from `end()`; a test checks the
 * packet holds exactly one dc:title, escaped, so a pdfkit that stops calling it is
 * noticed.
 */
export function useArchivalMetadata(doc: PDFKit.PDFDocument, info: ArchivalInfo, language: string): void {
	const internals = doc as unknown as { _addInfo?: () => void; appendXML: (xml: string) => void };
	if (typeof internals._addInfo !== 'function') throw new Error('pdfkit no longer writes XMP through _addInfo');
	internals._addInfo = () => internals.appendXML(xmpDescriptions(info, language));
}
