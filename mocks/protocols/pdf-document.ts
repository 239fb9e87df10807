/**
 * A one-page PDF 1.4 document of text lines: catalog, page tree, page, font, content stream,
 * cross-reference table and trailer, enough for any PDF reader to open and extract the text.
 */

/** The standard Helvetica font has no Vietnamese glyphs (embedding one needs a font file): letters lose their marks. */
export function pdfText(value: string): string {
  return value
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .replace(/[^\x20-\x7e]/g, '?');
}

/** A literal string: backslash and parentheses escaped. */
const literal = (line: string): string => `(${pdfText(line).replace(/[\\()]/g, (c) => `\\${c}`)})`;

const A4 = { width: 595, height: 842 };
const MARGIN = 56;
const LEADING = 18;

export function textPdf(title: string, lines: readonly string[]): Buffer {
  const content = [
    'BT',
    `/F1 16 Tf ${MARGIN} ${A4.height - MARGIN - 16} Td ${literal(title)} Tj`,
    `/F1 11 Tf 0 ${-2 * LEADING} Td ${LEADING} TL`,
    ...lines.map((line, i) => (i === 0 ? `${literal(line)} Tj` : `T* ${literal(line)} Tj`)),
    'ET',
  ].join('\n');
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${A4.width} ${A4.height}] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>',
    `<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
  ];
  // The second line's bytes above 127 tell transfer tools the file is binary (PDF 1.4, 7.5.2).
  let out = '%PDF-1.4\n%\u00e2\u00e3\u00cf\u00d3\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = out.length;
  // Each entry is exactly 20 bytes: 10-digit offset, 5-digit generation, type, two-byte end of line.
  const entries = ['0000000000 65535 f \n', ...offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`)];
  out += `xref\n0 ${objects.length + 1}\n${entries.join('')}`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  // Every character is below 256: latin1 writes one byte per character, so the offsets above are byte offsets.
  return Buffer.from(out, 'latin1');
}
