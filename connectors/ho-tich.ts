import { z } from 'zod';
import { asRecord, badResponse, need, optString } from '../src/connector-kit/answer';
import { defineConnector, defineOperation, type MapContext } from '../src/connector-kit/connector-definition';
import { maHoSo, soDinhDanh, text } from '../src/connector-kit/fields';
import { isoDate } from '../src/connector-kit/vn-time';
import { buildXml } from '../src/xml/safe-xml';
import { isoToDmy, vnToday } from './dmy-date';
import { refusedInAnswer } from './provider-refusal';

/** The business code of a birth registration in the civil-status system. */
export const MODULE_KHAI_SINH = 'KS';
/** Civil-status gender codes. */
const GIOI_TINH = { Nam: '1', Nữ: '2', 'Chưa xác định': '3' } as const;
/** Identity-paper type 4 is the citizen identity card, the paper that carries the 12-digit number. */
const CCCD = '4';
/** A birth declared more than 60 days after it happened is a late registration (loaiDangKy 4), else on time (1). */
const ON_TIME_DAYS = 60;

/** What `traTrangThaiHoSo` answers, as the provincial guide names each status. */
export const TRANG_THAI_HO_SO: Readonly<Record<number, string>> = {
  1: 'Đã tiếp nhận hồ sơ, chờ xử lý',
  2: 'Hồ sơ cần bổ sung thông tin',
  3: 'Hồ sơ đủ điều kiện giải quyết',
  4: 'Đã hoàn thành đăng ký',
};

/** The registering unit as the Ministry of Justice codes it (a Long in its catalogue). */
const maDonVi = z.number().int().positive().max(9_999_999_999);
const person = z.object({
  hoTen: text(200),
  soDinhDanh,
  ngaySinh: isoDate.optional(),
  danToc: text(50).optional(),
  quocTich: text(100).optional(),
  noiCuTru: text(500).optional(),
});
type Person = z.infer<typeof person>;

const birthInput = z.object({
  maHoSo,
  maDonVi,
  /** When the one-stop desk received the dossier; today when absent. */
  ngayTiepNhan: isoDate.optional(),
  treEm: z.object({
    hoTen: text(200),
    ngaySinh: isoDate,
    gioiTinh: z.enum(['Nam', 'Nữ', 'Chưa xác định']),
    noiSinh: text(500),
    danToc: text(50).optional(),
    quocTich: text(100).optional(),
    queQuan: text(500).optional(),
  }),
  me: person,
  cha: person.optional(),
  /** Who declares the birth (người đi khai), when not the parents themselves. */
  nguoiDiKhai: z.object({ hoTen: text(200), soDinhDanh, quanHe: text(50) }).optional(),
});
type BirthInput = z.infer<typeof birthInput>;

const days = (from: string, to: string): number => (Date.parse(to) - Date.parse(from)) / 86_400_000;

/** A parent's elements under their prefix (`me`, `cha`), absent values left out. */
function parentElements(prefix: 'me' | 'cha', p: Person): Record<string, string | undefined> {
  return {
    [`${prefix}HoTen`]: p.hoTen,
    [`${prefix}NgaySinh`]: p.ngaySinh && isoToDmy(p.ngaySinh),
    [`${prefix}DanToc`]: p.danToc,
    [`${prefix}QuocTich`]: p.quocTich,
    [`${prefix}NoiCuTru`]: p.noiCuTru,
    [`${prefix}LoaiGiayToTuyThan`]: CCCD,
    [`${prefix}SoGiayToTuyThan`]: p.soDinhDanh,
  };
}

/** The `data` message of a birth registration: `<hotich><hoso>` with the civil-status element names. */
export function birthRegistrationXml(input: BirthInput, ngayTiepNhan: string): string {
  const { treEm, nguoiDiKhai } = input;
  const hoso: Record<string, string | undefined> = {
    loaiDangKy: days(treEm.ngaySinh, ngayTiepNhan) > ON_TIME_DAYS ? '4' : '1',
    noiDangKy: String(input.maDonVi),
    nksHoTen: treEm.hoTen,
    nksGioiTinh: GIOI_TINH[treEm.gioiTinh],
    nksNgaySinh: isoToDmy(treEm.ngaySinh),
    nksNoiSinh: treEm.noiSinh,
    nksDanToc: treEm.danToc,
    nksQuocTich: treEm.quocTich,
    nksQueQuan: treEm.queQuan,
    // 1: both parents known; 3: the father is not determined.
    nksLoaiKhaiSinh: input.cha ? '1' : '3',
    ...parentElements('me', input.me),
    ...(input.cha ? parentElements('cha', input.cha) : {}),
    nycHoTen: nguoiDiKhai?.hoTen,
    nycQuanHe: nguoiDiKhai?.quanHe,
    nycLoaiGiayToTuyThan: nguoiDiKhai && CCCD,
    nycSoGiayToTuyThan: nguoiDiKhai?.soDinhDanh,
  };
  const present = Object.fromEntries(Object.entries(hoso).filter(([, v]) => v !== undefined));
  // The message travels inside a JSON string: no XML declaration, as the one-stop systems send it.
  return buildXml({ hotich: { hoso: present } }).replace(/^<\?xml[^>]*\?>/, '');
}

/** `{"status":1}` passes; `{"status":0,"errorCode","errorMessage"}` is the ministry's own refusal. */
function statusOf(answer: unknown): number {
  const r = asRecord(answer, 'status');
  const status = Number(need(r, 'status'));
  if (status === 0) throw refusedInAnswer(optString(r, 'errorCode') ?? '0', optString(r, 'errorMessage') ?? '');
  if (!Number.isInteger(status)) throw badResponse("The provider's status is not a number");
  return status;
}

/** Electronic civil-status database (Ministry of Justice), through the provincial platform's `apiHoTichTuPhap`. */
export const hoTich = defineConnector({
  id: 'ho-tich',
  fidelity: 'public-artefacts',
  sources: [
    'Quảng Bình provincial LGSP API guide "Tài liệu hướng dẫn kết nối API thông qua NGSP" (api.quangbinh.gov.vn): Dịch vụ hộ tịch — dangKyHoTich, traTrangThaiHoSo',
    'VNPT iGate tools of Gia Lai and Đắk Lắk (Vue): POST …/dangKyHoTich {maDonVi, module, maHoSo, ngayTiepNhan yyyy-MM-dd, data "<hotich><hoso>…</hoso></hotich>"}',
    'civil-status birth record fields (HT_KHAISINH: nksHoTen, nksGioiTinh 1/2/3, nksLoaiKhaiSinh, me*/cha*/nyc*, LoaiGiayToTuyThan 4 = CCCD) in public civil-status digitisation code',
  ],
  protocol: 'rest',
  operations: {
    'dang-ky-khai-sinh': defineOperation({
      wire: { protocol: 'rest', method: 'POST', path: '/dangKyHoTich' },
      input: birthInput,
      personalFields: ['treEm', 'me', 'cha', 'nguoiDiKhai'],
      toProvider: (input, ctx: MapContext) => {
        const ngayTiepNhan = input.ngayTiepNhan ?? vnToday(ctx.now);
        return {
          kind: 'json',
          body: {
            maDonVi: input.maDonVi,
            module: MODULE_KHAI_SINH,
            maHoSo: input.maHoSo,
            ngayTiepNhan,
            data: birthRegistrationXml(input, ngayTiepNhan),
          },
        };
      },
      fromProvider: (answer) => {
        const status = statusOf(answer);
        if (status !== 1) throw badResponse(`dangKyHoTich answered status ${status}`);
        return { daTiepNhan: true, moTa: 'Gửi thông tin thành công' };
      },
    }),
    'tra-cuu': defineOperation({
      wire: { protocol: 'rest', method: 'POST', path: '/traTrangThaiHoSo' },
      input: z.object({ maDonVi, maHoSo }),
      toProvider: (input) => ({ kind: 'json', body: { maDonVi: input.maDonVi, maHoSo: input.maHoSo } }),
      fromProvider: (answer) => {
        const status = statusOf(answer);
        const moTa = TRANG_THAI_HO_SO[status];
        if (moTa === undefined) throw badResponse(`traTrangThaiHoSo answered an unknown status ${status}`);
        return { trangThai: status, moTa };
      },
    }),
  },
});
