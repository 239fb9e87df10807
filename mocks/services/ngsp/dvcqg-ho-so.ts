import { z } from 'zod';
import { PROCEDURES, type Procedure } from '../../data/procedures';
import type { Dossier } from '../../data/records';
import { defineDvcqgService, DVCQG_CODES, dvcqgOperation } from '../../protocols/dvcqg-envelope';
import type { MockService } from '../../protocols/mock-service';
import { ProviderError } from '../../protocols/provider-error';
import { dvcqgTimeField, text } from '../field-schemas';
import type { ServiceDeps } from '../service-deps';

/** Every value of the portal's records is a string: a number where a code belongs is refused. */
const str = z.string();
const code = (...values: [string, ...string[]]) => z.enum(values);
const stateCode = z.string().regex(/^(10|[1-9])$/, 'mã trạng thái 1–10 dạng chuỗi');
const optionalTime = z.union([dvcqgTimeField, z.literal('')]).optional();
const numericString = z.string().regex(/^\d+(\.\d+)?$/, 'số dạng chuỗi');

const taiLieuNop = z.object({
  TepDinhKemId: str.optional(),
  TenTepDinhKem: text,
  IsDeleted: code('True', 'False', '1', '0'),
  MaThanhPhanHoSo: str,
  DuongDanTaiTepTin: text,
});
const lePhi = z.object({ TenPhiLePhi: text, MaPhiLePhi: str, HinhThucThu: str, Gia: numericString, LoaiPhiLePhi: str });
const giayToKetQua = z.object({ TenGiayTo: text, MaThanhPhanHoSo: str, GiayToId: str, DuongDanTepTinKetQua: text });

/** A `DongBoHoSoMC` item: what the portal requires checked, optional ("ko bb") fields typed, the rest kept as received. */
const dossierItem = z.looseObject({
  MaHoSo: text,
  MaTTHC: text,
  TenTTHC: text,
  MaLinhVuc: text,
  TenLinhVuc: text,
  KenhThucHien: code('1', '2', '3').optional(),
  ChuHoSo: str.optional(),
  LoaiDoiTuong: code('1', '2'),
  MaDoiTuong: str.optional(),
  ThongTinKhac: str.optional(),
  Email: str.optional(),
  Fax: str.optional(),
  SoDienThoai: str.optional(),
  TrichYeuHoSo: str,
  NgayTiepNhan: dvcqgTimeField,
  NgayHenTra: dvcqgTimeField,
  TrangThaiHoSo: stateCode,
  NgayTra: optionalTime,
  ThongTinTra: str.optional(),
  HinhThuc: code('0', '1'),
  NgayKetThucXuLy: optionalTime,
  DonViXuLy: text,
  GhiChu: str.optional(),
  TaiLieuNop: z.array(taiLieuNop).optional(),
  DanhSachLePhi: z.array(lePhi).optional(),
  DanhSachTepDinhKemKhac: z.array(z.unknown()).optional(),
  DanhSachHoSoBoSung: z.array(z.unknown()).optional(),
  DanhSachGiayToKetQua: z.array(giayToKetQua).optional(),
});

const progressItem = z.looseObject({
  MaHoSo: text,
  NguoiXuLy: text,
  ChucDanh: str.optional(),
  ThoiDiemXuLy: dvcqgTimeField,
  PhongBanXuLy: str.optional(),
  NoiDungXuLy: str,
  TrangThai: stateCode,
  NgayBatDau: optionalTime,
  NgayKetThucTheoQuyDinh: optionalTime,
});

const unknownDossier = (maHoSo: string): ProviderError =>
  new ProviderError(DVCQG_CODES.notFound, `Không tìm thấy hồ sơ ${maHoSo}`, 200, 'client');

/** A procedure as `LayThuTuc` lists it (upper-case names, as the portal's catalogue does). */
function thuTucRecord(p: Procedure): Record<string, unknown> {
  return {
    MATTHC: p.MaTTHC,
    TENTTHC: p.TenTTHC,
    MACOQUANCONGBO: p.MaCoQuanCongBo,
    TRANGTHAI: 1,
    LINHVUCTHUCHIEN: [{ MALINHVUC: p.MaLinhVuc, TENLINHVUC: p.TenLinhVuc }],
    COQUANTHUCHIEN: [{ MADONVI: p.MaDonViXuLy, TENDONVI: p.DonViXuLy }],
    CACHTHUCTHUCHIEN: p.Kenh.map((kenh) => ({
      KENH: kenh,
      THOIGIAN: [
        {
          THOIGIANGIAIQUYET: p.SoNgayXuLy,
          DONVITINH: 'Ngày làm việc',
          MOTA: '',
          PHILEPHI: p.LePhi > 0 ? [{ MAPHILEPHI: `LP-${p.MaTTHC}`, SOTIEN: p.LePhi, DONVI: 'Đồng', MOTA: 'Lệ phí' }] : [],
        },
      ],
    })),
  };
}

export function createDvcqgHoSoService({ data }: ServiceDeps): MockService {
  return defineDvcqgService({
    id: 'dvcqg-ho-so',
    providerName: 'Cổng Dịch vụ công quốc gia',
    errorPrefix: 'DVC',
    auth: 'dvcqg-session',
    fidelity: 'public-artefacts',
    path: '/dvcqg/1.0/dongBoHoSo',
    operations: [
      dvcqgOperation({
        operationId: 'dong-bo-ho-so',
        service: 'DongBoHoSoMC',
        fields: z.object({ isUpdating: code('True', 'False'), data: z.array(dossierItem).min(1) }),
        handle: ({ isUpdating, data: items }) =>
          items.map((item) => {
            const before = isUpdating === 'True' ? data.dossiers.get(item.MaHoSo) : undefined;
            data.dossiers.set(item.MaHoSo, { ...before, ...item } as Dossier);
            return { MaHoSo: item.MaHoSo, TrangThaiDongBo: 'DA_DONG_BO' };
          }),
      }),
      dvcqgOperation({
        operationId: 'cap-nhat-tien-do',
        service: 'CapNhatTienDoHoSoMC',
        fields: z.object({ data: z.array(progressItem).min(1) }),
        handle: ({ data: items }) => {
          const missing = items.find((item) => !data.dossiers.has(item.MaHoSo));
          if (missing !== undefined) throw unknownDossier(missing.MaHoSo);
          return items.map((item) => {
            const dossier = data.dossiers.get(item.MaHoSo);
            data.dossiers.set(item.MaHoSo, { ...dossier, MaHoSo: item.MaHoSo, TrangThaiHoSo: item.TrangThai });
            data.dossierProgress.set(item.MaHoSo, [...(data.dossierProgress.get(item.MaHoSo) ?? []), item]);
            return { MaHoSo: item.MaHoSo, TrangThaiDongBo: 'DA_CAP_NHAT' };
          });
        },
      }),
      dvcqgOperation({
        operationId: 'tra-cuu-ho-so',
        service: 'TraCuuHoSo',
        fields: z.object({ mahoso: text }),
        handle: ({ mahoso }) => {
          const dossier = data.dossiers.get(mahoso);
          return dossier === undefined ? [] : [dossier];
        },
      }),
      dvcqgOperation({
        operationId: 'lay-thu-tuc',
        service: 'LayThuTuc',
        fields: z.object({ maTTHC: text }),
        handle: ({ maTTHC }) => PROCEDURES.filter((p) => p.MaTTHC === maTTHC).map(thuTucRecord),
      }),
    ],
  });
}
