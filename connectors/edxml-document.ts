import { createHash } from 'node:crypto';
import { z } from 'zod';
import { email, maDinhDanhCoQuan } from '../src/connector-kit/fields';
import { isoDate, isoDateTime } from '../src/connector-kit/vn-time';
import { buildXml, qualify } from '../src/xml/safe-xml';
import { edxmlTimestamp, isoDateToEdxml } from './edxml-time';

/** QCVN 102:2016, the national standard for edXML document exchange. */
export const EDXML_NS = 'http://www.mic.gov.vn/TBT/QCVN_102_2016';

/** Status codes of a status message: 01 received … 06 finished, 13 withdrawn, 15/16 change accepted/refused. */
export const STATUS_CODES = ['01', '02', '03', '04', '05', '06', '13', '15', '16'] as const;

/**
 * Strict base64 (Buffer.from accepts garbage). Checked with a length test and one linear
 * character-class regex: a grouped, repeated pattern overflows V8's regex stack on
 * multi-megabyte attachments.
 */
export function isStrictBase64(s: string): boolean {
  return s.length % 4 === 0 && /^[A-Za-z0-9+/]*={0,2}$/.test(s);
}

export const base64 = z.string().min(1).refine(isStrictBase64, 'must be valid base64');

const organ = z.object({
  maDinhDanh: maDinhDanhCoQuan,
  ten: z.string().min(1).max(500),
  donViChuQuan: z.string().max(500).optional(),
  diaChi: z.string().max(500).optional(),
  email: email.optional(),
  dienThoai: z.string().max(20).optional(),
  fax: z.string().max(20).optional(),
  website: z.string().max(200).optional(),
});

/** A document described in JSON, from which the gateway builds the edXML file. */
export const documentDescription = z.object({
  noiGui: organ,
  noiNhan: z.array(organ).min(1).max(200),
  soKyHieu: z.object({ so: z.string().regex(/^[0-9A-Za-z]{1,11}$/), kyHieu: z.string().min(1).max(30) }),
  noiBanHanh: z.string().min(1).max(200),
  ngayBanHanh: isoDate,
  loaiVanBan: z.object({ ma: z.number().int().min(1).max(99), ten: z.string().min(1).max(100) }),
  trichYeu: z.string().min(1).max(1000),
  noiDung: z.string().max(10000).optional(),
  nguoiKy: z.object({ thamQuyen: z.string().max(100), chucVu: z.string().min(1).max(100), hoTen: z.string().min(1).max(100) }),
  hanXuLy: isoDate.optional(),
  /** Where the document goes, as written on it (`ToPlaces/Place`); the receivers' names when absent. */
  noiNhanVanBan: z.array(z.string().min(1).max(500)).max(200).optional(),
  doKhan: z.number().int().min(0).max(3).default(0),
  phamViBanHanh: z.string().max(200).optional(),
  kyHieuNguoiDanhMay: z.string().max(50).optional(),
  soBanPhatHanh: z.number().int().min(0).max(100000).optional(),
  soTrang: z.number().int().min(1).max(100000).default(1),
  phuLuc: z.array(z.string().min(1).max(500)).max(50).optional(),
  /** The document this one answers (`ResponseFor`). */
  traLoiVanBan: z
    .object({
      maDinhDanh: maDinhDanhCoQuan,
      soKyHieu: z.string().min(1).max(50),
      ngayBanHanh: isoDate,
      maVanBan: z.string().min(1).max(200),
    })
    .optional(),
  kieuChiDao: z.number().int().min(0).max(2).default(0),
  tepDinhKem: z
    .array(
      z.object({
        ten: z.string().min(1).max(255),
        kieu: z.string().min(1).max(100),
        moTa: z.string().max(500).optional(),
        noiDungBase64: base64,
      }),
    )
    .max(50)
    .default([]),
});

export type DocumentDescription = z.infer<typeof documentDescription>;

/** `OrganId,yyyy/MM/dd,Số/KýHiệu`. */
export function documentId(d: DocumentDescription): string {
  return `${d.noiGui.maDinhDanh},${isoDateToEdxml(d.ngayBanHanh)},${d.soKyHieu.so}/${d.soKyHieu.kyHieu}`;
}

/** A stable `cid:` for an attachment: the same document always gets the same ids. */
function contentId(docId: string, index: number): string {
  const h = createHash('sha1').update(`${docId}#${index}`).digest('hex');
  return `cid:${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

type Organ = z.infer<typeof organ>;

function organElement(o: Organ): Record<string, unknown> {
  return {
    OrganId: o.maDinhDanh,
    OrganizationInCharge: o.donViChuQuan,
    OrganName: o.ten,
    OrganAdd: o.diaChi,
    Email: o.email,
    Telephone: o.dienThoai,
    Fax: o.fax,
    Website: o.website,
  };
}

function messageHeader(d: DocumentDescription, docId: string): Record<string, unknown> {
  const reply = d.traLoiVanBan;
  return {
    From: organElement(d.noiGui),
    To: d.noiNhan.map(organElement),
    DocumentId: docId,
    Code: { CodeNumber: d.soKyHieu.so, CodeNotation: d.soKyHieu.kyHieu },
    PromulgationInfo: { Place: d.noiBanHanh, PromulgationDate: isoDateToEdxml(d.ngayBanHanh) },
    DocumentType: { Type: d.loaiVanBan.ma, TypeName: d.loaiVanBan.ten },
    Subject: d.trichYeu,
    Content: d.noiDung,
    SignerInfo: { Competence: d.nguoiKy.thamQuyen, Position: d.nguoiKy.chucVu, FullName: d.nguoiKy.hoTen },
    DueDate: d.hanXuLy === undefined ? undefined : isoDateToEdxml(d.hanXuLy),
    ToPlaces: { Place: d.noiNhanVanBan ?? d.noiNhan.map((n) => n.ten) },
    OtherInfo: {
      Priority: d.doKhan,
      SphereOfPromulgation: d.phamViBanHanh,
      TyperNotation: d.kyHieuNguoiDanhMay,
      PromulgationAmount: d.soBanPhatHanh,
      PageAmount: d.soTrang,
      Appendixes: d.phuLuc ? { Appendix: d.phuLuc } : undefined,
    },
    // Real senders write ResponseFor empty when the document answers none.
    ResponseFor: reply
      ? { OrganId: reply.maDinhDanh, Code: reply.soKyHieu, PromulgationDate: isoDateToEdxml(reply.ngayBanHanh), DocumentId: reply.maVanBan }
      : { OrganId: '', Code: '', PromulgationDate: '', DocumentId: '' },
    SteeringType: d.kieuChiDao,
  };
}

/** `<edXML>` root (default namespace) holding the prefixed envelope and, beside it, the attachments. */
function edxmlFile(envelope: Record<string, unknown>, attachments: ReadonlyArray<Record<string, unknown>>): string {
  return buildXml({
    edXML: {
      $: { xmlns: EDXML_NS },
      'edXML:edXMLEnvelope': { $: { 'xmlns:edXML': EDXML_NS }, ...(qualify(envelope, 'edXML') as object) },
      ...(attachments.length ? { AttachmentEncoded: { Attachment: attachments } } : {}),
    },
  });
}

/**
 * Builds the edXML file of a document described in JSON, as the axis SDK lays it out. The
 * gateway holds no signing key: a document that must carry an XML-DSig `Signature` is sent
 * ready-made by the document system that signed it.
 */
export function buildDocumentFile(d: DocumentDescription, now: Date): string {
  const docId = documentId(d);
  const ids = d.tepDinhKem.map((_t, i) => contentId(docId, i));
  const envelope = {
    edXMLHeader: {
      MessageHeader: messageHeader(d, docId),
      TraceHeaderList: { TraceHeader: { OrganId: d.noiGui.maDinhDanh, Timestamp: edxmlTimestamp(now) } },
    },
    edXMLBody: {
      edXMLManifest: {
        $: { version: '1.0' },
        Reference: d.tepDinhKem.map((t, i) => ({ ContentId: ids[i], ContentType: t.kieu, AttachmentName: t.ten, Description: t.moTa })),
      },
    },
  };
  const attachments = d.tepDinhKem.map((t, i) => ({
    ContentId: ids[i],
    AttachmentName: t.ten,
    ContentType: t.kieu,
    ContentTransferEncoded: t.noiDungBase64,
  }));
  return edxmlFile(envelope, attachments);
}

export const statusInput = z.object({
  /** DocumentId of the document the status is about. */
  maVanBan: z.string().min(1).max(200),
  /** Agency code of that document's sender. */
  noiGuiVanBan: maDinhDanhCoQuan,
  soKyHieu: z.string().min(1).max(50),
  ngayBanHanh: isoDate,
  trangThai: z.enum(STATUS_CODES),
  moTa: z.string().max(1000).optional(),
  thoiDiem: isoDateTime.optional(),
  canBo: z
    .object({
      phongBan: z.string().max(200).optional(),
      hoTen: z.string().min(1).max(100),
      diDong: z.string().max(20).optional(),
      email: email.optional(),
    })
    .optional(),
  /** The agency reporting the status; the province itself when absent. */
  donViGui: organ.optional(),
});

export type StatusDescription = z.infer<typeof statusInput>;

/** The agency a status message comes from. */
export function statusSender(s: StatusDescription, province: { agencyCode: string; name: string }): Organ {
  return s.donViGui ?? { maDinhDanh: province.agencyCode, ten: province.name };
}

/** Builds a status message: the same `<edXML>` file, its MessageHeader holding the status (no `Status` element). */
export function buildStatusFile(s: StatusDescription, province: { agencyCode: string; name: string }, now: Date): string {
  const staff = s.canBo;
  const header = {
    From: organElement(statusSender(s, province)),
    ResponseFor: { OrganId: s.noiGuiVanBan, Code: s.soKyHieu, PromulgationDate: isoDateToEdxml(s.ngayBanHanh), DocumentId: s.maVanBan },
    StaffInfo: staff ? { Department: staff.phongBan, Staff: staff.hoTen, Mobile: staff.diDong, Email: staff.email } : undefined,
    StatusCode: s.trangThai,
    Description: s.moTa ?? '',
    Timestamp: edxmlTimestamp(s.thoiDiem ?? now),
  };
  return edxmlFile({ edXMLHeader: { MessageHeader: header } }, []);
}
