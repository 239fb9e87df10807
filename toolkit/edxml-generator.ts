import { randomBytes } from 'node:crypto';
import { buildDocumentFile, type DocumentDescription } from '../connectors/edxml-document';

/** A document like the directory's `gui-van-ban` example. */
const DEFAULT_DOCUMENT: Omit<DocumentDescription, 'soKyHieu' | 'tepDinhKem'> = {
  noiGui: { maDinhDanh: '000.00.00.H06', ten: 'UBND tỉnh Bắc Giang' },
  noiNhan: [{ maDinhDanh: '000.00.00.G22', ten: 'Văn phòng Chính phủ' }],
  noiBanHanh: 'Bắc Giang',
  ngayBanHanh: '2024-03-15',
  loaiVanBan: { ma: 1, ten: 'Công văn' },
  trichYeu: 'Hồ sơ quy hoạch kèm bản đồ số (kịch bản tải lớn)',
  nguoiKy: { thamQuyen: 'KT. CHỦ TỊCH', chucVu: 'Phó Chủ tịch', hoTen: 'Phan Thế Tuấn' },
  doKhan: 0,
  soTrang: 1,
  kieuChiDao: 0,
};

/** Where the attachment's data goes once the file is built (the builder would escape the line breaks). */
const PLACEHOLDER = 'UExBQ0VIT0xERVI=';

/** Base64 in lines of 76 characters with CRLF, as MIME encoders (and the axis SDK's) write it. */
function mimeLines(data: string): string {
  const lines: string[] = [];
  for (let i = 0; i < data.length; i += 76) lines.push(data.slice(i, i + 76));
  return lines.join('\r\n');
}

/**
 * A ready-made edXML file (QCVN 102:2016, `<edXML>` root, the attachment beside the envelope)
 * whose one attachment carries `attachmentBytes` of base64 text (rounded down to a multiple of
 * 4) broken into lines, for rehearsing big documents on the document axis without keeping
 * megabytes of XML in the repository. `so` varies the document number. Built directly rather
 * than through the connector's zod schema: that schema's base64 check is what the gateway is
 * being rehearsed on, not something the generator should depend on.
 */
export function generateEdxmlDocument(attachmentBytes: number, so: string): string {
  const rawBytes = Math.max(3, Math.floor(attachmentBytes / 4) * 3);
  const file = buildDocumentFile(
    {
      ...DEFAULT_DOCUMENT,
      soKyHieu: { so: so.replace(/[^0-9A-Za-z]/g, '').slice(-11) || '1', kyHieu: 'UBND-VP' },
      tepDinhKem: [{ ten: 'ban-do-quy-hoach.pdf', kieu: 'application/pdf', noiDungBase64: PLACEHOLDER }],
    },
    new Date('2024-03-15T02:00:00Z'),
  );
  return file.replace(`>${PLACEHOLDER}<`, `>${mimeLines(randomBytes(rawBytes).toString('base64'))}<`);
}
