import { z } from 'zod';
import { asArray, asRecord, needString, optString } from '../src/connector-kit/answer';
import { defineConnector, defineOperation } from '../src/connector-kit/connector-definition';
import { amount, email, maHoSo, phone } from '../src/connector-kit/fields';
import { dvcqgTimeToIso, isoDateTime, isoToDvcqgTime } from '../src/connector-kit/vn-time';

/** TrangThaiHoSo: 1 newly registered … 10 result returned. */
const trangThaiHoSo = z.number().int().min(1).max(10);
const optText = (max: number) => z.string().max(max).optional();

const taiLieuNop = z.object({
  id: optText(64),
  tenTep: z.string().min(1).max(500),
  duongDan: z.string().max(2000),
  maThanhPhanHoSo: optText(100),
  daXoa: z.boolean().default(false),
});

const lePhi = z.object({
  ten: z.string().min(1).max(500),
  mucPhi: amount,
  ma: optText(100),
  /** The portal's fee-collection code, passed through as given. */
  hinhThucThu: optText(20),
  loai: optText(20),
});

const giayToKetQua = z.object({
  id: optText(64),
  ten: z.string().min(1).max(500),
  duongDan: z.string().max(2000),
  maThanhPhanHoSo: optText(100),
});

const hoSoInput = z.object({
  maHoSo,
  maThuTuc: z.string().min(1).max(50),
  tenThuTuc: z.string().min(1).max(1000),
  maLinhVuc: z.string().min(1).max(50),
  tenLinhVuc: z.string().min(1).max(500),
  chuHoSo: z.string().min(1).max(200),
  loaiDoiTuong: z.union([z.literal(1), z.literal(2)]),
  maDoiTuong: optText(50),
  thongTinKhac: optText(2000),
  soDienThoai: phone.optional(),
  email: email.optional(),
  fax: optText(20),
  trichYeu: z.string().min(1).max(2000),
  ngayTiepNhan: isoDateTime,
  ngayHenTra: isoDateTime,
  trangThai: trangThaiHoSo,
  ngayTra: isoDateTime.optional(),
  thongTinTra: optText(2000),
  /** Channel the dossier came in by: 1 in person, 2 online, 3 public post (the portal's KenhThucHien). */
  hinhThuc: z.union([z.literal(1), z.literal(2), z.literal(3)]),
  /** The result goes back by public post (the portal's HinhThuc "1"). */
  traKetQuaQuaBuuChinh: z.boolean().default(false),
  ngayKetThucXuLy: isoDateTime.optional(),
  donViXuLy: z.string().min(1).max(500),
  ghiChu: optText(2000),
  /** The portal already holds this dossier: sent as `isUpdating: "True"`. */
  capNhat: z.boolean().default(false),
  taiLieuNop: z.array(taiLieuNop).max(200).default([]),
  lePhi: z.array(lePhi).max(50).default([]),
  // Optional (not defaulted) so jobs queued before the field existed still map.
  giayToKetQua: z.array(giayToKetQua).max(200).optional(),
});

type HoSo = z.infer<typeof hoSoInput>;
type FieldKind = 'text' | 'code' | 'time' | 'flag';

/**
 * Provincial field ↔ DVCQG field, in the portal's order. Every value goes as a string: `code`
 * is a number here, `time` ISO 8601 ⇄ yyyyMMddHHmmss (Asia/Ho_Chi_Minh), `flag` a boolean ⇄ "1"/"0";
 * an absent optional value goes as "".
 */
const HO_SO_FIELDS: ReadonlyArray<readonly [keyof HoSo, string, FieldKind]> = [
  ['maHoSo', 'MaHoSo', 'text'],
  ['maThuTuc', 'MaTTHC', 'text'],
  ['tenThuTuc', 'TenTTHC', 'text'],
  ['maLinhVuc', 'MaLinhVuc', 'text'],
  ['tenLinhVuc', 'TenLinhVuc', 'text'],
  ['hinhThuc', 'KenhThucHien', 'code'],
  ['chuHoSo', 'ChuHoSo', 'text'],
  ['loaiDoiTuong', 'LoaiDoiTuong', 'code'],
  ['maDoiTuong', 'MaDoiTuong', 'text'],
  ['thongTinKhac', 'ThongTinKhac', 'text'],
  ['email', 'Email', 'text'],
  ['fax', 'Fax', 'text'],
  ['soDienThoai', 'SoDienThoai', 'text'],
  ['trichYeu', 'TrichYeuHoSo', 'text'],
  ['ngayTiepNhan', 'NgayTiepNhan', 'time'],
  ['ngayHenTra', 'NgayHenTra', 'time'],
  ['trangThai', 'TrangThaiHoSo', 'code'],
  ['ngayTra', 'NgayTra', 'time'],
  ['thongTinTra', 'ThongTinTra', 'text'],
  ['traKetQuaQuaBuuChinh', 'HinhThuc', 'flag'],
  ['ngayKetThucXuLy', 'NgayKetThucXuLy', 'time'],
  ['donViXuLy', 'DonViXuLy', 'text'],
  ['ghiChu', 'GhiChu', 'text'],
];

function toWire(value: unknown, kind: FieldKind): string {
  if (kind === 'flag') return value === true ? '1' : '0';
  if (value === undefined || value === null) return '';
  return kind === 'time' ? isoToDvcqgTime(String(value)) : String(value);
}

function fromWire(value: unknown, kind: FieldKind): unknown {
  if (kind === 'flag') return String(value) === '1';
  if (value === undefined || value === null || value === '') return undefined;
  if (kind === 'time') return dvcqgTimeToIso(value);
  return kind === 'code' ? Number(value) : String(value);
}

const text = (value: string | undefined): string => value ?? '';

function toDvcqgHoSo(input: HoSo): Record<string, unknown> {
  const item: Record<string, unknown> = {};
  for (const [ours, theirs, kind] of HO_SO_FIELDS) item[theirs] = toWire(input[ours], kind);
  item['TaiLieuNop'] = input.taiLieuNop.map((t) => ({
    TepDinhKemId: text(t.id),
    TenTepDinhKem: t.tenTep,
    IsDeleted: t.daXoa ? 'True' : 'False',
    MaThanhPhanHoSo: text(t.maThanhPhanHoSo),
    DuongDanTaiTepTin: t.duongDan,
  }));
  item['DanhSachLePhi'] = input.lePhi.map((p) => ({
    TenPhiLePhi: p.ten,
    MaPhiLePhi: text(p.ma),
    HinhThucThu: text(p.hinhThucThu),
    Gia: String(p.mucPhi),
    LoaiPhiLePhi: text(p.loai),
  }));
  // Additional attachments and supplement requests have no provincial source yet: sent empty, as public clients do.
  item['DanhSachTepDinhKemKhac'] = [];
  item['DanhSachHoSoBoSung'] = [];
  item['DanhSachGiayToKetQua'] = (input.giayToKetQua ?? []).map((g) => ({
    TenGiayTo: g.ten,
    MaThanhPhanHoSo: text(g.maThanhPhanHoSo),
    GiayToId: text(g.id),
    DuongDanTepTinKetQua: g.duongDan,
  }));
  return item;
}

const opt = (r: Record<string, unknown>, key: string): string | undefined => optString(r, key) ?? undefined;

function fromDvcqgHoSo(answer: unknown): Record<string, unknown> {
  const item = asRecord(answer, 'dossier');
  needString(item, 'MaHoSo');
  const out: Record<string, unknown> = {};
  for (const [ours, theirs, kind] of HO_SO_FIELDS) {
    const value = fromWire(item[theirs], kind);
    if (value !== undefined) out[ours] = value;
  }
  out['taiLieuNop'] = asArray(item['TaiLieuNop']).map((t) => {
    const r = asRecord(t, 'TaiLieuNop');
    return {
      id: opt(r, 'TepDinhKemId'),
      tenTep: opt(r, 'TenTepDinhKem'),
      duongDan: opt(r, 'DuongDanTaiTepTin'),
      maThanhPhanHoSo: opt(r, 'MaThanhPhanHoSo'),
      daXoa: String(r['IsDeleted']) === 'True' || String(r['IsDeleted']) === '1',
    };
  });
  out['lePhi'] = asArray(item['DanhSachLePhi']).map((p) => {
    const r = asRecord(p, 'DanhSachLePhi');
    return {
      ten: opt(r, 'TenPhiLePhi'),
      mucPhi: Number(r['Gia'] ?? 0),
      ma: opt(r, 'MaPhiLePhi'),
      hinhThucThu: opt(r, 'HinhThucThu'),
      loai: opt(r, 'LoaiPhiLePhi'),
    };
  });
  out['giayToKetQua'] = asArray(item['DanhSachGiayToKetQua']).map((g) => {
    const r = asRecord(g, 'DanhSachGiayToKetQua');
    return {
      id: opt(r, 'GiayToId'),
      ten: opt(r, 'TenGiayTo'),
      duongDan: opt(r, 'DuongDanTepTinKetQua'),
      maThanhPhanHoSo: opt(r, 'MaThanhPhanHoSo'),
    };
  });
  return out;
}

/** The first record of the portal's `result` list, or null when it found nothing. */
const firstOrNull = <T>(answer: unknown, map: (item: unknown) => T): T | null => {
  const first = asArray(answer)[0];
  return first === undefined ? null : map(first);
};

const syncAck = (answer: unknown) => {
  const r = asRecord(asArray(answer)[0], 'result');
  return { maHoSo: needString(r, 'MaHoSo'), trangThaiDongBo: needString(r, 'TrangThaiDongBo') };
};

function fromThuTuc(answer: unknown): Record<string, unknown> {
  const r = asRecord(answer, 'procedure');
  const list = (key: string, map: (x: Record<string, unknown>) => unknown) => asArray(r[key]).map((x) => map(asRecord(x, key)));
  return {
    maThuTuc: needString(r, 'MATTHC'),
    tenThuTuc: needString(r, 'TENTTHC'),
    linhVuc: list('LINHVUCTHUCHIEN', (x) => ({ ma: opt(x, 'MALINHVUC'), ten: opt(x, 'TENLINHVUC') })),
    coQuanThucHien: list('COQUANTHUCHIEN', (x) => ({ ma: opt(x, 'MADONVI'), ten: opt(x, 'TENDONVI') })),
    cachThucThucHien: list('CACHTHUCTHUCHIEN', (c) => ({
      kenh: Number(c['KENH']),
      thoiGian: asArray(c['THOIGIAN']).map((t) => {
        const tg = asRecord(t, 'THOIGIAN');
        return {
          thoiGianGiaiQuyet: Number(tg['THOIGIANGIAIQUYET']),
          donViTinh: opt(tg, 'DONVITINH'),
          moTa: opt(tg, 'MOTA'),
          phiLePhi: asArray(tg['PHILEPHI']).map((f) => {
            const fee = asRecord(f, 'PHILEPHI');
            return { ma: opt(fee, 'MAPHILEPHI'), soTien: Number(fee['SOTIEN'] ?? 0), donVi: opt(fee, 'DONVI'), moTa: opt(fee, 'MOTA') };
          }),
        };
      }),
    })),
  };
}

/** National Public Service Portal: dossier sync and progress, in the DVCQG adapter envelope. */
export const dvcqgHoSo = defineConnector({
  id: 'dvcqg-ho-so',
  fidelity: 'public-artefacts',
  sources: [
    'VietOpenCPS/opencps-v2: modules/backend-dossiermgt/backend-dossiermgt-service/src/main/java/org/opencps/dossiermgt/action/impl/DVCQGIntegrationActionImpl.java',
    'HuanVu201/DichVuCong_KhoaLuan_PASETO: DichVuCongApi/src/Core/Application/Common/KetNoi/DVC/SyncLocalDataToDVCQG/ISyncLocalDataToDVCQGService.cs',
  ],
  protocol: 'dvcqg',
  operations: {
    'dong-bo-ho-so': defineOperation({
      wire: { protocol: 'dvcqg', service: 'DongBoHoSoMC' },
      input: hoSoInput,
      personalFields: ['chuHoSo', 'maDoiTuong', 'soDienThoai', 'email', 'fax'],
      toProvider: (input) => ({ kind: 'json', body: { isUpdating: input.capNhat ? 'True' : 'False', data: [toDvcqgHoSo(input)] } }),
      fromProvider: syncAck,
    }),
    'cap-nhat-tien-do': defineOperation({
      wire: { protocol: 'dvcqg', service: 'CapNhatTienDoHoSoMC' },
      input: z.object({
        maHoSo,
        nguoiXuLy: z.string().min(1).max(200),
        chucDanh: optText(200),
        thoiDiemXuLy: isoDateTime,
        phongBanXuLy: optText(500),
        noiDungXuLy: z.string().min(1).max(2000),
        trangThai: trangThaiHoSo,
        ngayBatDau: isoDateTime.optional(),
        ngayKetThucTheoQuyDinh: isoDateTime.optional(),
      }),
      toProvider: (input) => ({
        kind: 'json',
        body: {
          data: [
            {
              MaHoSo: input.maHoSo,
              NguoiXuLy: input.nguoiXuLy,
              ChucDanh: text(input.chucDanh),
              ThoiDiemXuLy: isoToDvcqgTime(input.thoiDiemXuLy),
              PhongBanXuLy: text(input.phongBanXuLy),
              NoiDungXuLy: input.noiDungXuLy,
              TrangThai: String(input.trangThai),
              NgayBatDau: toWire(input.ngayBatDau, 'time'),
              NgayKetThucTheoQuyDinh: toWire(input.ngayKetThucTheoQuyDinh, 'time'),
            },
          ],
        },
      }),
      fromProvider: syncAck,
    }),
    'tra-cuu-ho-so': defineOperation({
      wire: { protocol: 'dvcqg', service: 'TraCuuHoSo' },
      input: z.object({ maHoSo }),
      toProvider: (input) => ({ kind: 'json', body: { mahoso: input.maHoSo } }),
      fromProvider: (answer) => firstOrNull(answer, fromDvcqgHoSo),
    }),
    'lay-thu-tuc': defineOperation({
      wire: { protocol: 'dvcqg', service: 'LayThuTuc' },
      input: z.object({ maThuTuc: z.string().min(1).max(50) }),
      toProvider: (input) => ({ kind: 'json', body: { maTTHC: input.maThuTuc } }),
      fromProvider: (answer) => firstOrNull(answer, fromThuTuc),
    }),
  },
});
