import { z } from 'zod';
import type { MockService } from '../../protocols/mock-service';
import { notFound } from '../../protocols/provider-error';
import { defineRestService, restOperation } from '../../protocols/rest-json';
import { ymd } from '../../data/time-format';
import { nextSequence } from '../../data/mock-data';
import { citizenIdField, text } from '../field-schemas';
import type { ServiceDeps } from '../service-deps';

export function createLyLichTuPhapService(deps: ServiceDeps): MockService {
  const { data } = deps;
  return defineRestService({
    id: 'ly-lich-tu-phap',
    providerName: 'Trung tâm Lý lịch tư pháp quốc gia',
    errorPrefix: 'LL',
    auth: 'ngsp-wso2',
    fidelity: 'modelled',
    operations: [
      restOperation({
        operationId: 'gui-yeu-cau',
        path: '/lltp/1.0/guiYeuCau',
        input: z.object({ MaHoSo: text, SoDinhDanh: citizenIdField, HoTen: text, LoaiPhieu: z.union([z.literal(1), z.literal(2)]), MucDich: text }),
        handle: (input) => {
          const year = ymd(deps.now()).slice(0, 4);
          const MaYeuCau = `LLTP-${year}-${String(1000 + nextSequence(data, 'LLTP')).padStart(6, '0')}`;
          data.judicialRequests.set(MaYeuCau, {
            MaYeuCau, MaHoSo: input.MaHoSo, SoDinhDanh: input.SoDinhDanh, TrangThai: 'DA_TIEP_NHAN', NgayTraKetQua: null, CoAnTich: false,
          });
          return { MaYeuCau, TrangThai: 'DA_TIEP_NHAN' };
        },
      }),
      restOperation({
        operationId: 'tra-cuu-ket-qua',
        path: '/lltp/1.0/traCuuKetQua',
        input: z.object({ MaYeuCau: text }),
        handle: ({ MaYeuCau }) => {
          const r = data.judicialRequests.get(MaYeuCau);
          if (r === undefined) throw notFound('LL-404', `Không tìm thấy yêu cầu ${MaYeuCau}`);
          return { MaYeuCau, TrangThai: r.TrangThai, NgayTraKetQua: r.NgayTraKetQua, CoAnTich: r.CoAnTich };
        },
      }),
    ],
  });
}
