import { z } from 'zod';
import type { Dossier } from '../../data/records';
import { defineDvcqgService, dvcqgOperation } from '../../protocols/dvcqg-envelope';
import type { MockService } from '../../protocols/mock-service';
import { ProviderError } from '../../protocols/provider-error';
import { dvcqgTimeField, text } from '../field-schemas';
import type { ServiceDeps } from '../service-deps';

const stateField = z.union([z.number().int(), z.string().regex(/^\d+$/).transform(Number)]).pipe(z.number().int().min(1).max(10));
const optionalTime = z.union([dvcqgTimeField, z.literal(''), z.null()]).optional();

/** A `DongBoHoSoMC` item: the fields we check, the rest kept as received. */
const dossierItem = z.looseObject({
  MaHoSo: text, MaTTHC: text, TenTTHC: text, ChuHoSo: text,
  LoaiDoiTuong: z.union([z.literal(1), z.literal(2), z.literal('1'), z.literal('2')]),
  NgayTiepNhan: dvcqgTimeField, NgayHenTra: dvcqgTimeField, NgayTra: optionalTime,
  TrangThaiHoSo: stateField,
  TaiLieuNop: z.array(z.object({ TenTepDinhKem: text, DuongDanTaiTep: z.string() })).optional(),
  DanhSachLePhi: z.array(z.object({ TenPhiLePhi: text, MucPhi: z.number().nonnegative() })).optional(),
});

const progressItem = z.looseObject({
  MaHoSo: text, NguoiXuLy: text, ChucDanh: z.string().optional(), ThoiDiemXuLy: dvcqgTimeField, PhongBanXuLy: z.string().optional(),
  NoiDungXuLy: text, TrangThai: stateField, NgayBatDau: optionalTime, NgayKetThucTheoQuyDinh: optionalTime,
});

const unknownDossier = (code: string): ProviderError => new ProviderError('04', `Không tìm thấy hồ sơ ${code}`, 404);

/** One item answers an object, several an array (DVCQG accepts batches). */
const oneOrMany = <T>(items: T[]): T | T[] => (items.length === 1 && items[0] !== undefined ? items[0] : items);

export function createDvcqgHoSoService({ data }: ServiceDeps): MockService {
  return defineDvcqgService({
    id: 'dvcqg-ho-so',
    providerName: 'Cổng Dịch vụ công quốc gia',
    errorPrefix: 'DVC',
    auth: 'ngsp-wso2',
    fidelity: 'modelled',
    path: '/dvcqg/1.0/dongBoHoSo',
    operations: [
      dvcqgOperation({
        operationId: 'dong-bo-ho-so', service: 'DongBoHoSoMC', item: dossierItem,
        handle: (items) => oneOrMany(items.map((item) => {
          data.dossiers.set(item.MaHoSo, item as Dossier);
          return { MaHoSo: item.MaHoSo, TrangThaiDongBo: 'DA_DONG_BO' };
        })),
      }),
      dvcqgOperation({
        operationId: 'cap-nhat-tien-do', service: 'CapNhatTienDoHoSoMC', item: progressItem,
        handle: (items) => {
          const missing = items.find((item) => !data.dossiers.has(item.MaHoSo));
          if (missing !== undefined) throw unknownDossier(missing.MaHoSo);
          return oneOrMany(items.map((item) => {
            const dossier = data.dossiers.get(item.MaHoSo);
            data.dossiers.set(item.MaHoSo, { ...dossier, MaHoSo: item.MaHoSo, TrangThaiHoSo: item.TrangThai });
            data.dossierProgress.set(item.MaHoSo, [...(data.dossierProgress.get(item.MaHoSo) ?? []), item]);
            return { MaHoSo: item.MaHoSo, TrangThaiDongBo: 'DA_CAP_NHAT' };
          }));
        },
      }),
      dvcqgOperation({
        operationId: 'tra-cuu-ho-so', service: 'TraCuuHoSo', item: z.object({ MaHoSo: text }),
        handle: (items) => oneOrMany(items.map(({ MaHoSo }) => {
          const dossier = data.dossiers.get(MaHoSo);
          if (dossier === undefined) throw unknownDossier(MaHoSo);
          return dossier;
        })),
      }),
    ],
  });
}
