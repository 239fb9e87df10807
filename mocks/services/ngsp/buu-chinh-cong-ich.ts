import { z } from 'zod';
import { nextSequence } from '../../data/mock-data';
import { dvcqgTime } from '../../data/time-format';
import type { MockService } from '../../protocols/mock-service';
import { notFound } from '../../protocols/provider-error';
import { defineRestService, restOperation } from '../../protocols/rest-json';
import { amountField, text } from '../field-schemas';
import type { ServiceDeps } from '../service-deps';

export function createBuuChinhCongIchService(deps: ServiceDeps): MockService {
  const { data } = deps;
  return defineRestService({
    id: 'buu-chinh-cong-ich',
    providerName: 'Tổng công ty Bưu điện Việt Nam (dịch vụ bưu chính công ích)',
    errorPrefix: 'VD',
    auth: 'ngsp-wso2',
    fidelity: 'modelled',
    operations: [
      restOperation({
        operationId: 'tao-van-don',
        path: '/vnpost/1.0/taoVanDon',
        input: z.object({
          MaHoSo: text,
          NguoiNhan: z.object({
            HoTen: text,
            SoDienThoai: z.string().regex(/^0\d{9}$/, 'số điện thoại gồm 10 chữ số'),
            DiaChi: text,
            MaXa: z.string().regex(/^\d{5}$/),
          }),
          KhoiLuong: amountField,
        }),
        handle: (input) => {
          const MaVanDon = `EB${String(700000000 + nextSequence(data, 'EB'))}VN`;
          data.waybills.set(MaVanDon, { MaVanDon, MaHoSo: input.MaHoSo, TrangThai: 'DA_TAO', CapNhatLuc: dvcqgTime(deps.now()) });
          return { MaVanDon, TrangThai: 'DA_TAO' };
        },
      }),
      restOperation({
        operationId: 'tra-cuu-van-don',
        path: '/vnpost/1.0/traCuuVanDon',
        input: z.object({ MaVanDon: text }),
        handle: ({ MaVanDon }) => {
          const w = data.waybills.get(MaVanDon);
          if (w === undefined) throw notFound('VD-404', `Không tìm thấy vận đơn ${MaVanDon}`);
          return w;
        },
      }),
    ],
  });
}
