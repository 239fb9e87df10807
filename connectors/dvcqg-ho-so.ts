import { z } from 'zod';
import { asArray, asRecord, needString, optString } from '../src/connector-kit/answer';
import { defineConnector, defineOperation } from '../src/connector-kit/connector-definition';
import { amount, maHoSo, phone } from '../src/connector-kit/fields';
import { dvcqgTimeToIso, isoDateTime, isoToDvcqgTime } from '../src/connector-kit/vn-time';

/** TrangThaiHoSo: 1 newly registered … 10 result returned. */
const trangThaiHoSo = z.number().int().min(1).max(10);

const hoSoInput = z.object({
  maHoSo,
  maThuTuc: z.string().min(1).max(50),
  tenThuTuc: z.string().min(1).max(1000),
  maLinhVuc: z.string().min(1).max(50),
  tenLinhVuc: z.string().min(1).max(500),
  chuHoSo: z.string().min(1).max(200),
  loaiDoiTuong: z.union([z.literal(1), z.literal(2)]),
  maDoiTuong: z.string().max(50).optional(),
  soDienThoai: phone.optional(),
  email: z.email().optional(),
  trichYeu: z.string().min(1).max(2000),
  ngayTiepNhan: isoDateTime,
  ngayHenTra: isoDateTime,
  trangThai: trangThaiHoSo,
  ngayTra: isoDateTime.optional(),
  hinhThuc: z.union([z.literal(1), z.literal(2), z.literal(3)]),
  donViXuLy: z.string().min(1).max(500),
  taiLieuNop: z.array(z.object({ tenTep: z.string().min(1).max(500), duongDan: z.string().max(2000) })).max(200).default([]),
  lePhi: z.array(z.object({ ten: z.string().min(1).max(500), mucPhi: amount })).max(50).default([]),
});

type HoSo = z.infer<typeof hoSoInput>;

/** Provincial field ↔ DVCQG field; `time` fields are ISO 8601 ⇄ yyyyMMddHHmmss. */
const HO_SO_FIELDS: ReadonlyArray<readonly [keyof HoSo, string, 'text' | 'number' | 'time']> = [
  ['maHoSo', 'MaHoSo', 'text'],
  ['maThuTuc', 'MaTTHC', 'text'],
  ['tenThuTuc', 'TenTTHC', 'text'],
  ['maLinhVuc', 'MaLinhVuc', 'text'],
  ['tenLinhVuc', 'TenLinhVuc', 'text'],
  ['chuHoSo', 'ChuHoSo', 'text'],
  ['loaiDoiTuong', 'LoaiDoiTuong', 'number'],
  ['maDoiTuong', 'MaDoiTuong', 'text'],
  ['soDienThoai', 'SoDienThoai', 'text'],
  ['email', 'Email', 'text'],
  ['trichYeu', 'TrichYeuHoSo', 'text'],
  ['ngayTiepNhan', 'NgayTiepNhan', 'time'],
  ['ngayHenTra', 'NgayHenTra', 'time'],
  ['trangThai', 'TrangThaiHoSo', 'number'],
  ['ngayTra', 'NgayTra', 'time'],
  ['hinhThuc', 'HinhThuc', 'number'],
  ['donViXuLy', 'DonViXuLy', 'text'],
];

function toDvcqgHoSo(input: HoSo): Record<string, unknown> {
  const item: Record<string, unknown> = {};
  for (const [ours, theirs, kind] of HO_SO_FIELDS) {
    const value = input[ours];
    if (value === undefined) continue;
    item[theirs] = kind === 'time' ? isoToDvcqgTime(String(value)) : value;
  }
  item['TaiLieuNop'] = input.taiLieuNop.map((t) => ({ TenTepDinhKem: t.tenTep, DuongDanTaiTep: t.duongDan }));
  item['DanhSachLePhi'] = input.lePhi.map((p) => ({ TenPhiLePhi: p.ten, MucPhi: p.mucPhi }));
  return item;
}

function fromDvcqgHoSo(answer: unknown): Record<string, unknown> {
  const item = asRecord(answer, 'dossier');
  const out: Record<string, unknown> = {};
  for (const [ours, theirs, kind] of HO_SO_FIELDS) {
    const value = item[theirs];
    if (value === undefined || value === null || value === '') continue;
    out[ours] = kind === 'time' ? dvcqgTimeToIso(value) : kind === 'number' ? Number(value) : String(value);
  }
  needString(item, 'MaHoSo');
  out['taiLieuNop'] = asArray(item['TaiLieuNop']).map((t) => {
    const r = asRecord(t, 'TaiLieuNop');
    return { tenTep: optString(r, 'TenTepDinhKem'), duongDan: optString(r, 'DuongDanTaiTep') };
  });
  out['lePhi'] = asArray(item['DanhSachLePhi']).map((p) => {
    const r = asRecord(p, 'DanhSachLePhi');
    return { ten: optString(r, 'TenPhiLePhi'), mucPhi: Number(r['MucPhi'] ?? 0) };
  });
  return out;
}

const syncAck = (answer: unknown) => {
  const r = asRecord(answer, 'result');
  return { maHoSo: needString(r, 'MaHoSo'), trangThaiDongBo: needString(r, 'TrangThaiDongBo') };
};

/** National Public Service Portal: dossier sync and progress, in the DVCQG envelope. */
export const dvcqgHoSo = defineConnector({
  id: 'dvcqg-ho-so',
  fidelity: 'modelled',
  sources: [],
  protocol: 'dvcqg',
  options: z.object({ session: z.string().min(1).default('LGSP-BACGIANG') }),
  operations: {
    'dong-bo-ho-so': defineOperation({
      wire: { protocol: 'dvcqg', service: 'DongBoHoSoMC', isUpdating: false },
      input: hoSoInput,
      personalFields: ['chuHoSo', 'maDoiTuong', 'soDienThoai', 'email'],
      toProvider: (input) => ({ kind: 'json', body: [toDvcqgHoSo(input)] }),
      fromProvider: syncAck,
    }),
    'cap-nhat-tien-do': defineOperation({
      wire: { protocol: 'dvcqg', service: 'CapNhatTienDoHoSoMC', isUpdating: true },
      input: z.object({
        maHoSo,
        nguoiXuLy: z.string().min(1).max(200),
        chucDanh: z.string().max(200).optional(),
        thoiDiemXuLy: isoDateTime,
        phongBanXuLy: z.string().max(500).optional(),
        noiDungXuLy: z.string().min(1).max(2000),
        trangThai: trangThaiHoSo,
        ngayBatDau: isoDateTime,
        ngayKetThucTheoQuyDinh: isoDateTime,
      }),
      toProvider: (input) => ({
        kind: 'json',
        body: [
          {
            MaHoSo: input.maHoSo,
            NguoiXuLy: input.nguoiXuLy,
            ChucDanh: input.chucDanh ?? '',
            ThoiDiemXuLy: isoToDvcqgTime(input.thoiDiemXuLy),
            PhongBanXuLy: input.phongBanXuLy ?? '',
            NoiDungXuLy: input.noiDungXuLy,
            TrangThai: input.trangThai,
            NgayBatDau: isoToDvcqgTime(input.ngayBatDau),
            NgayKetThucTheoQuyDinh: isoToDvcqgTime(input.ngayKetThucTheoQuyDinh),
          },
        ],
      }),
      fromProvider: syncAck,
    }),
    'tra-cuu-ho-so': defineOperation({
      wire: { protocol: 'dvcqg', service: 'TraCuuHoSo', isUpdating: false },
      input: z.object({ maHoSo }),
      toProvider: (input) => ({ kind: 'json', body: [{ MaHoSo: input.maHoSo }] }),
      fromProvider: fromDvcqgHoSo,
    }),
  },
});
