import { randomBytes } from 'node:crypto';
import { buildDocumentEnvelope, type DocumentDescription } from '../../connectors/edxml-document';

/** A document like the directory's `gui-van-ban` example. */
const DEFAULT_DOCUMENT: Omit<DocumentDescription, 'soKyHieu' | 'tepDinhKem'> = {
  noiGui: { maDinhDanh: '000.00.00.H06', ten: 'UBND tỉnh Bắc Giang' },
  noiNhan: [{ maDinhDanh: '000.00.00.G01', ten: 'Văn phòng Chính phủ' }],
  noiBanHanh: 'Bắc Giang',
  ngayBanHanh: '2024-03-15',
  loaiVanBan: { ma: 1, ten: 'Công văn' },
  trichYeu: 'Hồ sơ quy hoạch kèm bản đồ số (kịch bản tải lớn)',
  nguoiKy: { thamQuyen: 'KT. CHỦ TỊCH', chucVu: 'Phó Chủ tịch', hoTen: 'Phan Thế Tuấn' },
  doKhan: 0,
  kieuChiDao: 0,
};

/**
 * A ready-made edXML document (QCVN 102:2016) with one attachment whose base64 text is
 * `attachmentBytes` long (rounded down to a multiple of 4), for rehearsing big documents on the
 * document axis without keeping megabytes of XML in the repository. `so` varies the document
 * number. Built directly rather than through the connector's zod schema: that schema's base64
 * check is what the gateway is being rehearsed on, not something the generator should depend on.
 */
export function generateEdxmlDocument(attachmentBytes: number, so: string): string {
  const rawBytes = Math.max(3, Math.floor(attachmentBytes / 4) * 3);
  return buildDocumentEnvelope({
    ...DEFAULT_DOCUMENT,
    soKyHieu: { so: so.replace(/[^0-9A-Za-z]/g, '').slice(-11) || '1', kyHieu: 'UBND-VP' },
    tepDinhKem: [{ ten: 'ban-do-quy-hoach.pdf', kieu: 'application/pdf', noiDungBase64: randomBytes(rawBytes).toString('base64') }],
  });
}
