import { z } from 'zod';
import type { MockService } from '../../protocols/mock-service';
import { notFound } from '../../protocols/provider-error';
import { defineRestService, restOperation } from '../../protocols/rest-json';
import { amountField, text } from '../field-schemas';
import { nextSequence } from '../../data/mock-data';
import { dvcqgTime } from '../../data/time-format';
import type { ServiceDeps } from '../service-deps';

export function createDvcqgThanhToanService(deps: ServiceDeps): MockService {
  const { data } = deps;
  return defineRestService({
    id: 'dvcqg-thanh-toan',
    providerName: 'Nền tảng thanh toán trực tuyến (PayGov)',
    errorPrefix: 'TT',
    auth: 'ngsp-wso2',
    fidelity: 'modelled',
    operations: [
      restOperation({
        operationId: 'tao-giao-dich',
        path: '/thanhtoan/1.0/taoGiaoDich',
        input: z.object({ MaHoSo: text, SoTien: amountField.pipe(z.number().positive()), NoiDung: text, NguoiNop: text, MaDonVi: text }),
        handle: (input) => {
          const MaGiaoDich = `GD${dvcqgTime(deps.now()).slice(2, 8)}${900000 + nextSequence(data, 'GD')}`;
          data.payments.set(MaGiaoDich, { ...input, MaGiaoDich, TrangThai: 'CHO_THANH_TOAN', ThoiGianThanhToan: null });
          return { MaGiaoDich, UrlThanhToan: `https://thanhtoan.dichvucong.gov.vn/payment?ma=${MaGiaoDich}`, TrangThai: 'CHO_THANH_TOAN' };
        },
      }),
      restOperation({
        operationId: 'tra-cuu-giao-dich',
        path: '/thanhtoan/1.0/traCuuGiaoDich',
        input: z.object({ MaGiaoDich: text }),
        handle: ({ MaGiaoDich }) => {
          const p = data.payments.get(MaGiaoDich);
          if (p === undefined) throw notFound('TT-404', `Không tìm thấy giao dịch ${MaGiaoDich}`);
          return { MaGiaoDich, MaHoSo: p.MaHoSo, SoTien: p.SoTien, TrangThai: p.TrangThai, ThoiGianThanhToan: p.ThoiGianThanhToan };
        },
      }),
    ],
  });
}
