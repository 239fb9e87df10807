import { z } from 'zod';
import type { MockService } from '../../protocols/mock-service';
import { defineRestService, restOperation } from '../../protocols/rest-json';
import { text } from '../field-schemas';
import { datedId, recordSubmission, type ServiceDeps } from '../service-deps';

/** The provincial reporting system receiving TTHC indicators from the one-stop system. */
export function createMotCuaSangBaoCaoService(deps: ServiceDeps): MockService {
  return defineRestService({
    id: 'mot-cua-sang-bao-cao',
    providerName: 'Hệ thống thông tin báo cáo tỉnh Bắc Giang',
    errorPrefix: 'BCT',
    auth: 'none',
    fidelity: 'modelled',
    operations: [
      restOperation({
        operationId: 'gui-chi-tieu-tthc',
        path: '/baocao/1.0/chiTieuTTHC',
        input: z.object({
          KyBaoCao: text,
          MaDonVi: text,
          ChiTieu: z.array(z.object({ Ma: text, GiaTri: z.union([z.number(), z.string()]) })).min(1),
        }),
        handle: (input) => {
          const MaTiepNhan = datedId(deps, 'BCT');
          recordSubmission(deps, 'mot-cua-sang-bao-cao', MaTiepNhan, input);
          return { MaTiepNhan, TrangThai: 'DA_TIEP_NHAN' };
        },
      }),
    ],
  });
}
