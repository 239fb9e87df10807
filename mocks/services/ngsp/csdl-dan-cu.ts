import { z } from 'zod';
import { relative, residencyDetails } from '../../data/people';
import type { Citizen } from '../../data/records';
import { fullName } from '../../data/vietnamese-names';
import type { MockService } from '../../protocols/mock-service';
import { notFound } from '../../protocols/provider-error';
import { defineSoapService, soapOperation } from '../../protocols/soap-service';
import { citizenIdField, ymdField } from '../field-schemas';
import type { ServiceDeps } from '../service-deps';
import { DAN_CU_SCHEMA, MIC_DAN_CU_SCHEMA } from './csdl-dan-cu-schema';

export const DAN_CU_NS = 'http://dancuquocgia.bca';
/** The namespace of lookup answers (`CongdanCollection`), not the request's. */
export const MIC_DAN_CU_NS = 'http://www.mic.gov.vn/dancu/1.0';
export const DAN_CU_PATH = '/dancuquocgia/1.0/DanCuService';

const bounded = (max: number) => z.string().trim().min(1).max(max);

/** `NgayThangNamSinh{NgayThangNam (yyyyMMdd) | Nam (yyyy)}`: one of the two. */
const birth = z
  .strictObject({
    NgayThangNam: ymdField.optional(),
    Nam: z
      .string()
      .regex(/^\d{4}$/, 'định dạng yyyy')
      .optional(),
  })
  .refine((b) => (b.NgayThangNam === undefined) !== (b.Nam === undefined), 'cần đúng một trong NgayThangNam hoặc Nam');

/** The request both operations share; lengths from the published integration guide, unknown elements refused. */
const request = z
  .strictObject({
    MaYeuCau: bounded(40),
    MaDVC: bounded(20),
    MaTichHop: z.string().regex(/^\d{1,20}$/, 'gồm tối đa 20 chữ số'),
    MaDonVi: bounded(35),
    MaCanBo: bounded(20),
    TaiKhoan: z.string().max(100).optional(),
    SoDienThoai: z.string().max(15).optional(),
    SoDinhDanh: citizenIdField.optional(),
    SoCMND: z
      .string()
      .regex(/^\d{9}$/, 'phải gồm 9 chữ số')
      .optional(),
    HoVaTen: bounded(100),
    NgayThangNamSinh: birth,
  })
  .refine((r) => r.SoDinhDanh !== undefined || r.SoCMND !== undefined, 'cần SoDinhDanh hoặc SoCMND');

type DanCuRequest = z.output<typeof request>;

const normalise = (s: string): string => s.normalize('NFC').trim().replace(/\s+/g, ' ').toLocaleLowerCase('vi');

function matches(c: Citizen, r: DanCuRequest): boolean {
  const born =
    r.NgayThangNamSinh.NgayThangNam === undefined
      ? c.NgayThangNamSinh.startsWith(r.NgayThangNamSinh.Nam ?? '')
      : c.NgayThangNamSinh === r.NgayThangNamSinh.NgayThangNam;
  return born && normalise(fullName(c)) === normalise(r.HoVaTen);
}

function congDan(c: Citizen): Record<string, unknown> {
  const d = residencyDetails(c);
  return {
    SoDinhDanh: c.SoDinhDanh,
    SoCMND: d.SoCMND,
    HoVaTen: { Ho: c.Ho, ChuDem: c.ChuDem, Ten: c.Ten },
    GioiTinh: d.MaGioiTinh,
    DanToc: d.DanToc,
    TonGiao: d.TonGiao,
    TinhTrangHonNhan: d.TinhTrangHonNhan,
    NgayThangNamSinh: { Nam: c.NgayThangNamSinh.slice(0, 4), NgayThangNam: c.NgayThangNamSinh },
    NoiDangKyKhaiSinh: d.NoiDangKyKhaiSinh,
    QuocTich: d.QuocTich,
    QueQuan: d.QueQuan,
    ThuongTru: d.ThuongTru,
    NoiOHienTai: d.NoiOHienTai,
    Cha: c.Cha && relative(c.Cha),
    Me: c.Me && relative(c.Me),
    VoChong: d.VoChong,
    ChuHo: d.ChuHo,
    SoSoHoKhau: d.SoSoHoKhau,
  };
}

/** `2024-03-15T08:30:00+07:00`: xs:dateTime on the provider's clock (Vietnam, no DST). */
function vnDateTime(at: Date): string {
  return `${new Date(at.getTime() + 7 * 3_600_000).toISOString().slice(0, 19)}+07:00`;
}

export function createCsdlDanCuService({ data, now }: ServiceDeps): MockService {
  const byOldCard = new Map(
    [...data.citizens.values()].map((c) => [residencyDetails(c).SoCMND, c] as const).filter(([cmnd]) => cmnd !== ''),
  );
  const find = (r: DanCuRequest): Citizen | undefined => {
    const c = r.SoDinhDanh !== undefined ? data.citizens.get(r.SoDinhDanh) : byOldCard.get(r.SoCMND ?? '');
    return c !== undefined && matches(c, r) ? c : undefined;
  };
  return defineSoapService({
    id: 'csdl-dan-cu',
    providerName: 'Cơ sở dữ liệu quốc gia về dân cư',
    errorPrefix: 'DC',
    auth: 'c06-basic',
    fidelity: 'public-artefacts',
    path: DAN_CU_PATH,
    serviceName: 'DanCuService',
    namespace: DAN_CU_NS,
    schema: DAN_CU_SCHEMA,
    extraSchemas: [{ namespace: MIC_DAN_CU_NS, schema: MIC_DAN_CU_SCHEMA }],
    operations: [
      soapOperation({
        operationId: 'xac-thuc-cong-dan',
        requestElement: 'XacThucThongTinCongDanRequest',
        responseElement: 'KetQuaXacThucResponse',
        soapAction: '',
        input: request,
        handle: (r) => ({ TonTai: find(r) !== undefined }),
      }),
      soapOperation({
        operationId: 'tra-cuu-nhan-than',
        requestElement: 'TraCuuThongTinCongDan',
        responseElement: 'CongdanCollection',
        responseNamespace: MIC_DAN_CU_NS,
        soapAction: '',
        input: request,
        handle: (r) => {
          const c = find(r);
          // Nothing public shows C06's "no such citizen" answer: modelled as a soap:Client fault.
          if (c === undefined) throw notFound('DC-404', 'Không tìm thấy thông tin công dân khớp với số định danh, họ tên và ngày sinh');
          return { $: { SoCongDan: '1', ThoiDiemDuLieu: vnDateTime(now()) }, CongDan: congDan(c) };
        },
      }),
    ],
  });
}
