import { createHash } from 'node:crypto';
import { z } from 'zod';
import { asRecord, needBoolean } from '../src/connector-kit/answer';
import { defineConnector, defineOperation, type MapContext } from '../src/connector-kit/connector-definition';
import { soDinhDanh } from '../src/connector-kit/fields';
import { isoDate, isoToYmd } from '../src/connector-kit/vn-time';
import { congDanToJson } from './csdl-dan-cu-cong-dan';

const options = z.object({
  /** MaDVC: the public service the lookup serves (its DVCQG code), when the caller gives none. */
  maDVC: z.string().min(1).max(20).default('VPCP'),
  /** MaTichHop: the integration service code C06 assigned to each operation. */
  maTichHopXacThuc: z
    .string()
    .regex(/^\d{1,20}$/)
    .default('033'),
  maTichHopTraCuu: z
    .string()
    .regex(/^\d{1,20}$/)
    .default('037'),
  /** MaCanBo sent when the caller gives no officer. */
  maCanBoMacDinh: z.string().min(1).max(20).default('LGSP'),
});

/** What both operations take: the person to match and who asks, for C06's audit. */
const person = z
  .object({
    soDinhDanh,
    soCMND: z
      .string()
      .regex(/^\d{9}$/, 'must be 9 digits as a string')
      .optional(),
    hoVaTen: z.string().trim().min(1).max(100),
    /** The date of birth, or `namSinh` for people registered with a birth year only. */
    ngaySinh: isoDate.optional(),
    namSinh: z
      .string()
      .regex(/^\d{4}$/, 'must be a year (yyyy)')
      .optional(),
    maDVC: z.string().min(1).max(20).optional(),
    maCanBo: z.string().min(1).max(20).optional(),
    taiKhoan: z.string().min(1).max(100).optional(),
    soDienThoai: z.string().min(1).max(15).optional(),
  })
  .refine((p) => (p.ngaySinh === undefined) !== (p.namSinh === undefined), {
    message: 'give exactly one of ngaySinh or namSinh',
    path: ['ngaySinh'],
  });

type Person = z.output<typeof person>;

/** MaYeuCau holds at most 40 characters: a longer request id is replaced by its digest. */
function maYeuCau(requestId: string): string {
  return requestId.length <= 40 ? requestId : createHash('sha256').update(requestId).digest('hex').slice(0, 40);
}

/** The request element's children, in the order of the published schema; absent optional fields are left out. */
function request(p: Person, ctx: MapContext, maTichHop: string): Record<string, unknown> {
  const o = ctx.options;
  return {
    MaYeuCau: maYeuCau(ctx.requestId),
    MaDVC: p.maDVC ?? String(o['maDVC']),
    MaTichHop: maTichHop,
    MaDonVi: ctx.province.agencyCode,
    MaCanBo: p.maCanBo ?? String(o['maCanBoMacDinh']),
    TaiKhoan: p.taiKhoan,
    SoDienThoai: p.soDienThoai,
    SoDinhDanh: p.soDinhDanh,
    SoCMND: p.soCMND,
    HoVaTen: p.hoVaTen,
    NgayThangNamSinh: p.ngaySinh === undefined ? { Nam: p.namSinh } : { NgayThangNam: isoToYmd(p.ngaySinh) },
  };
}

const personalFields = ['soDinhDanh', 'soCMND', 'hoVaTen', 'ngaySinh', 'namSinh', 'soDienThoai', 'taiKhoan'];

/** National population database (C06, Ministry of Public Security), SOAP 1.1 called directly with `c06-basic`. */
export const csdlDanCu = defineConnector({
  id: 'csdl-dan-cu',
  fidelity: 'public-artefacts',
  sources: [
    'anhnbt/lgsp: src/main/resources/XacThucThongTinCongDan.xsd, XacMinhThongTinNhanThanResponse.xsd, CongdanCollection.xsd, input-output.xml',
    'VietOpenCPS/opencps-v2: QLCDIntegrationActionImpl.java (request element order, nested NgayThangNamSinh/NgayThangNam)',
    'HuanVu201/DichVuCong_KhoaLuan_PASETO: CSDLDanCuDto.cs (CongDan answer, structured addresses)',
    'public C06 clients (.NET CallApi037, Java and PHP clients): Timestamp in epoch ms, Basic user:sha256hex(path+user+timestamp+secret), X-Road-Client, ApiKey, SOAPAction ""',
  ],
  protocol: 'soap',
  namespace: 'http://dancuquocgia.bca',
  options,
  operations: {
    'xac-thuc-cong-dan': defineOperation({
      wire: { protocol: 'soap', operation: 'XacThucThongTinCongDanRequest', responseElement: 'KetQuaXacThucResponse', soapAction: '' },
      input: person,
      personalFields,
      toProvider: (input, ctx) => ({ kind: 'json', body: request(input, ctx, String(ctx.options['maTichHopXacThuc'])) }),
      fromProvider: (answer) => ({ tonTai: needBoolean(asRecord(answer, 'KetQuaXacThucResponse'), 'TonTai') }),
    }),
    'tra-cuu-nhan-than': defineOperation({
      wire: { protocol: 'soap', operation: 'TraCuuThongTinCongDan', responseElement: 'CongdanCollection', soapAction: '' },
      input: person,
      personalFields,
      toProvider: (input, ctx) => ({ kind: 'json', body: request(input, ctx, String(ctx.options['maTichHopTraCuu'])) }),
      fromProvider: (answer) => congDanToJson(answer),
    }),
  },
});
