import QRCode from 'qrcode';

/**
 * Draws a QR code for `text` as vector squares, `size` points wide including the
 * four-module quiet zone the standard asks for. Vector, not an image: it stays
 * sharp at any zoom and prints crisply, and no file or PNG encoder is involved.
 * Dark modules in a row are merged into one rectangle to keep the page small.
 */
export function drawQrCode(doc: PDFKit.PDFDocument, text: string, x: number, y: number, size: number): void {
	const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
	const quiet = 4;
	const unit = size / (modules.size + quiet * 2);
	doc.save();
	for (let row = 0; row < modules.size; row++) {
		let col = 0;
		while (col < modules.size) {
			if (!modules.get(row, col)) {
				col += 1;
				continue;
			}
			const start = col;
			while (col < modules.size && modules.get(row, col)) col += 1;
			doc.rect(x + (start + quiet) * unit, y + (row + quiet) * unit, (col - start) * unit, unit);
		}
	}
	doc.fillColor('#000000').fill();
	doc.restore();
}
