import { z } from 'zod';
import type { MockService } from '../../protocols/mock-service';
import { defineRestService, restOperation } from '../../protocols/rest-json';
import { text } from '../field-schemas';
import { datedId, recordSubmission, type ServiceDeps } from '../service-deps';

export function createBaoCaoChinhPhuService(deps: ServiceDeps): MockService {
  return defineRestService({
    id: 'bao-cao-chinh-phu',
    providerName: 'Hệ thống thông tin báo cáo Chính phủ',
    errorPrefix: 'BCCP',
    auth: 'ngsp-wso2',
    fidelity: 'modelled',
    operations: [
      restOperation({
        operationId: 'gui-bao-cao',
        path: '/baocaochinhphu/1.0/guiBaoCao',
        input: z.object({
          MaBaoCao: text,
          KyBaoCao: text,
          MaDonVi: text,
          ChiTieu: z.array(z.object({ Ma: text, Ten: text, GiaTri: z.union([z.number(), z.string()]), DonVi: z.string() })).min(1),
        }),
        handle: (input) => {
          const MaTiepNhan = datedId(deps, 'BCCP');
          recordSubmission(deps, 'bao-cao-chinh-phu', MaTiepNhan, input);
          return { MaTiepNhan, TrangThai: 'DA_TIEP_NHAN' };
        },
      }),
    ],
  });
}
