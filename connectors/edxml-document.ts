import { z } from 'zod';
import { maDinhDanhCoQuan } from '../src/connector-kit/fields';
import { isoDate, isoDateTime, isoToDvcqgTime } from '../src/connector-kit/vn-time';
import { GatewayError } from '../src/errors/gateway-error';
import { assertNoDoctype, buildXml, parseXml, qualify, rootElement, XmlRejected } from '../src/xml/safe-xml';

/** QCVN 102:2016, the national standard for edXML document exchange. */
export const EDXML_NS = 'http://www.mic.gov.vn/TBT/QCVN_102_2016';

/**
 * Strict base64 (Buffer.from accepts garbage). Checked with a length test and one linear
 * character-class regex: a grouped, repeated pattern overflows V8's regex stack on
 * multi-megabyte attachments.
 */
export function isStrictBase64(s: string): boolean {
  return s.length % 4 === 0 && /^[A-Za-z0-9+/]*={0,2}$/.test(s);
}

export const base64 = z.string().min(1).refine(isStrictBase64, 'must be valid base64');

const organ = z.object({ maDinhDanh: maDinhDanhCoQuan, ten: z.string().min(1).max(500) });

/** A document described in JSON, from which the gateway builds the edXML envelope. */
export const documentDescription = z.object({
  noiGui: organ.extend({ diaChi: z.string().max(500).optional(), email: z.email().optional(), dienThoai: z.string().max(20).optional() }),
  noiNhan: z.array(organ).min(1).max(200),
  soKyHieu: z.object({ so: z.string().regex(/^[0-9A-Za-z]{1,11}$/), kyHieu: z.string().min(1).max(30) }),
  noiBanHanh: z.string().min(1).max(200),
  ngayBanHanh: isoDate,
  loaiVanBan: z.object({ ma: z.number().int().min(1).max(99), ten: z.string().min(1).max(100) }),
  trichYeu: z.string().min(1).max(1000),
  noiDung: z.string().max(10000).optional(),
  nguoiKy: z.object({ thamQuyen: z.string().max(100), chucVu: z.string().min(1).max(100), hoTen: z.string().min(1).max(100) }),
  hanXuLy: isoDate.optional(),
  doKhan: z.number().int().min(0).max(3).default(0),
  kieuChiDao: z.number().int().min(0).max(2).default(0),
  tepDinhKem: z.array(z.object({ ten: z.string().min(1).max(255), kieu: z.string().min(1).max(100), noiDungBase64: base64 })).max(50).default([]),
});

export type DocumentDescription = z.infer<typeof documentDescription>;

export function documentId(d: DocumentDescription): string {
  return `${d.noiGui.maDinhDanh},${d.ngayBanHanh.replace(/-/g, '/')},${d.soKyHieu.so}/${d.soKyHieu.kyHieu}`;
}

/** Builds the edXML envelope of a document described in JSON. */
export function buildDocumentEnvelope(d: DocumentDescription): string {
  const header = {
    MessageHeader: {
      From: { OrganId: d.noiGui.maDinhDanh, OrganName: d.noiGui.ten, OrganAdd: d.noiGui.diaChi, Email: d.noiGui.email, Telephone: d.noiGui.dienThoai },
      To: d.noiNhan.map((n) => ({ OrganId: n.maDinhDanh, OrganName: n.ten })),
      DocumentId: documentId(d),
      Code: { CodeNumber: d.soKyHieu.so, CodeNotation: d.soKyHieu.kyHieu },
      PromulgationInfo: { Place: d.noiBanHanh, PromulgationDate: d.ngayBanHanh },
      DocumentType: { Type: d.loaiVanBan.ma, TypeName: d.loaiVanBan.ten },
      Subject: d.trichYeu,
      Content: d.noiDung,
      SignerInfo: { Competence: d.nguoiKy.thamQuyen, Position: d.nguoiKy.chucVu, FullName: d.nguoiKy.hoTen },
      DueDate: d.hanXuLy,
      ToPlaces: { Place: d.noiNhan.map((n) => n.ten) },
      OtherInfo: { Priority: d.doKhan, PageAmount: 1 },
      SteeringType: d.kieuChiDao,
    },
    TraceHeaderList: '',
    Signature: '',
  };
  const ids = d.tepDinhKem.map((_t, i) => `cid:${i + 1}`);
  const envelope = {
    edXMLHeader: header,
    edXMLBody: { edXMLManifest: { Reference: d.tepDinhKem.map((t, i) => ({ ContentId: ids[i], ContentType: t.kieu, Description: t.ten, AttachmentName: t.ten })) } },
    AttachmentEncoded: {
      Attachment: d.tepDinhKem.map((t, i) => ({ ContentId: ids[i], AttachmentName: t.ten, ContentType: t.kieu, ContentTransferEncoded: 'base64', AttachmentText: t.noiDungBase64 })),
    },
  };
  return buildXml({ 'edXML:edXMLEnvelope': { $: { 'xmlns:edXML': EDXML_NS }, ...(qualify(envelope, 'edXML') as object) } });
}

export interface StatusDescription {
  maVanBan: string;
  noiGuiVanBan: string;
  soKyHieu: string;
  ngayBanHanh: string;
  trangThai: string;
  moTa?: string | undefined;
  thoiDiem?: string | undefined;
}

/** Builds a status message (01 arrived … 16 recall refused) about a received document. */
export function buildStatusEnvelope(s: StatusDescription, from: { agencyCode: string; name: string }, now: Date): string {
  const status = {
    ResponseFor: { OrganId: s.noiGuiVanBan, Code: s.soKyHieu, PromulgationDate: s.ngayBanHanh, DocumentId: s.maVanBan },
    From: { OrganId: from.agencyCode, OrganName: from.name },
    StatusCode: s.trangThai,
    Description: s.moTa ?? '',
    Timestamp: isoToDvcqgTime(s.thoiDiem ?? now.toISOString()),
  };
  return buildXml({ 'edXML:edXMLEnvelope': { $: { 'xmlns:edXML': EDXML_NS }, ...(qualify({ edXMLHeader: { Status: status } }, 'edXML') as object) } });
}

export const statusInput = z.object({
  maVanBan: z.string().min(1).max(200),
  noiGuiVanBan: maDinhDanhCoQuan,
  soKyHieu: z.string().min(1).max(50),
  ngayBanHanh: isoDate,
  trangThai: z.enum(['01', '02', '03', '04', '05', '06', '13', '15', '16']),
  moTa: z.string().max(1000).optional(),
  thoiDiem: isoDateTime.optional(),
});

function rejected(message: string): GatewayError {
  return new GatewayError('Client.BadRequest', message);
}

/**
 * Checks a ready-made edXML document before it is forwarded: no DOCTYPE or entities,
 * well-formed, an edXMLEnvelope in the QCVN 102 namespace with the header fields the axis
 * requires, and attachments in strict base64.
 */
export async function checkEdxmlDocument(xml: string): Promise<void> {
  try {
    assertNoDoctype(xml);
  } catch (err) {
    throw rejected((err as Error).message);
  }
  const root = rootElement(xml);
  if (!root || root.name !== 'edXMLEnvelope' || root.namespace !== EDXML_NS) {
    throw rejected(`The document must be an edXMLEnvelope in the namespace ${EDXML_NS}`);
  }
  let doc: Record<string, unknown>;
  try {
    doc = await parseXml(xml);
  } catch (err) {
    throw rejected(err instanceof XmlRejected ? err.message : 'The document is not well-formed XML');
  }
  const env = doc['edXMLEnvelope'] as Record<string, unknown> | undefined;
  const header = (env?.['edXMLHeader'] as Record<string, unknown> | undefined)?.['MessageHeader'] as Record<string, unknown> | undefined;
  if (!header) throw rejected('The edXML document has no edXMLHeader/MessageHeader');
  const from = header['From'] as Record<string, unknown> | undefined;
  const missing = [
    ['From/OrganId', from?.['OrganId']],
    ['To', header['To']],
    ['DocumentId', header['DocumentId']],
    ['Code', header['Code']],
    ['Subject', header['Subject']],
  ].filter(([, v]) => v === undefined || v === '').map(([k]) => k);
  if (missing.length) throw rejected(`The edXML MessageHeader lacks ${missing.join(', ')}`);
  const attachments = (env?.['AttachmentEncoded'] as Record<string, unknown> | undefined)?.['Attachment'];
  const list = attachments === undefined ? [] : Array.isArray(attachments) ? attachments : [attachments];
  list.forEach((a, i) => {
    const data = (a as Record<string, unknown>)['AttachmentText'];
    if (typeof data !== 'string' || !isStrictBase64(data.replace(/\s+/g, ''))) throw rejected(`Attachment ${i + 1} is not valid base64`);
  });
}
