import { z } from 'zod';
import type { MockService } from '../../protocols/mock-service';
import { notFound } from '../../protocols/provider-error';
import { defineRestService, restOperation } from '../../protocols/rest-json';
import { ymd } from '../../data/time-format';
import { nextSequence } from '../../data/mock-data';
import { citizenIdField, text, ymdField } from '../field-schemas';
import type { ServiceDeps } from '../service-deps';

const parentSchema = z.object({ HoTen: text, SoDinhDanh: citizenIdField });

export function createHoTichService(deps: ServiceDeps): MockService {
  const { data } = deps;
  return defineRestService({
    id: 'ho-tich',
    providerName: 'Cơ sở dữ liệu hộ tịch điện tử (Bộ Tư pháp)',
    errorPrefix: 'HT',
    auth: 'ngsp-wso2',
    fidelity: 'modelled',
    operations: [
      restOperation({
        operationId: 'dang-ky-khai-sinh',
        path: '/hotich/1.0/dangKyKhaiSinh',
        input: z.object({
          MaHoSo: text,
          TreEm: z.object({ HoTen: text, NgaySinh: ymdField, GioiTinh: text, NoiSinh: text }),
          Me: parentSchema,
          Cha: parentSchema.optional(),
          NoiDangKy: text,
        }),
        handle: (input) => {
          const today = ymd(deps.now());
          const SoDangKy = `KS-${today.slice(0, 4)}-${String(500 + nextSequence(data, 'KS')).padStart(6, '0')}`;
          data.birthRegistrations.set(SoDangKy, {
            SoDangKy, MaHoSo: input.MaHoSo, HoTen: input.TreEm.HoTen, NgaySinh: input.TreEm.NgaySinh, NgayDangKy: today, NoiDangKy: input.NoiDangKy,
          });
          return { SoDangKy, MaHoSo: input.MaHoSo, TrangThai: 'DA_DANG_KY' };
        },
      }),
      restOperation({
        operationId: 'tra-cuu',
        path: '/hotich/1.0/traCuu',
        input: z.object({ SoDangKy: text }),
        handle: ({ SoDangKy }) => {
          const r = data.birthRegistrations.get(SoDangKy);
          if (r === undefined) throw notFound('HT-404', `Không tìm thấy số đăng ký ${SoDangKy}`);
          return { SoDangKy, LoaiViec: 'KHAI_SINH', HoTen: r.HoTen, NgaySinh: r.NgaySinh, NgayDangKy: r.NgayDangKy, NoiDangKy: r.NoiDangKy };
        },
      }),
    ],
  });
}
