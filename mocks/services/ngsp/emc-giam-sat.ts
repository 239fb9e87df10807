import { z } from 'zod';
import type { MockService } from '../../protocols/mock-service';
import { defineRestService, restOperation } from '../../protocols/rest-json';
import { dvcqgTimeField, text } from '../field-schemas';
import { datedId, recordSubmission, type ServiceDeps } from '../service-deps';

export function createEmcGiamSatService(deps: ServiceDeps): MockService {
  return defineRestService({
    id: 'emc-giam-sat',
    providerName: 'Hệ thống giám sát, đo lường dịch vụ công trực tuyến (EMC)',
    errorPrefix: 'EMC',
    auth: 'ngsp-wso2',
    fidelity: 'modelled',
    operations: [
      restOperation({
        operationId: 'ghi-nhan-su-kien',
        path: '/TrackingMCDT/1.0/ghiNhanSuKien',
        input: z.object({
          MaHoSo: text, MaTTHC: text, TrangThai: z.union([z.number().int(), text]), ThoiDiem: dvcqgTimeField,
          KenhTiepNhan: z.union([z.number().int(), text]), MaDonVi: text,
        }),
        handle: (input) => {
          const MaSuKien = datedId(deps, 'EMC');
          recordSubmission(deps, 'emc-giam-sat', MaSuKien, input);
          return { KetQua: 'OK', MaSuKien };
        },
      }),
    ],
  });
}
