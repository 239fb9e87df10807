import { z } from 'zod';
import type { MockService } from '../../protocols/mock-service';
import { defineRestService, restOperation } from '../../protocols/rest-json';
import { dvcqgTimeField, text } from '../field-schemas';
import { datedId, recordSubmission, type ServiceDeps } from '../service-deps';

/** The provincial document-management system receiving dossiers from the one-stop system. */
export function createMotCuaSangQlvbService(deps: ServiceDeps): MockService {
  return defineRestService({
    id: 'mot-cua-sang-qlvb',
    providerName: 'Hệ thống quản lý văn bản và điều hành tỉnh Bắc Giang',
    errorPrefix: 'QLVB',
    auth: 'none',
    fidelity: 'modelled',
    operations: [
      restOperation({
        operationId: 'chuyen-ho-so',
        path: '/qlvb/1.0/tiepNhanHoSo',
        input: z.object({ MaHoSo: text, TenThuTuc: text, ChuHoSo: text, TrichYeu: text, NgayTiepNhan: dvcqgTimeField, DonViXuLy: text }),
        handle: (input) => {
          const MaVanBanDen = datedId(deps, 'VBD');
          recordSubmission(deps, 'mot-cua-sang-qlvb', MaVanBanDen, input);
          return { MaVanBanDen, TrangThai: 'DA_TIEP_NHAN' };
        },
      }),
    ],
  });
}
