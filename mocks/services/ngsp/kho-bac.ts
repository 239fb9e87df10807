import { z } from 'zod';
import type { MockService } from '../../protocols/mock-service';
import { defineRestService, restOperation } from '../../protocols/rest-json';
import { amountField, text, ymdField } from '../field-schemas';
import { datedId, recordSubmission, type ServiceDeps } from '../service-deps';

export function createKhoBacService(deps: ServiceDeps): MockService {
  return defineRestService({
    id: 'kho-bac',
    providerName: 'Kho bạc Nhà nước',
    errorPrefix: 'KB',
    auth: 'ngsp-wso2',
    fidelity: 'modelled',
    operations: [
      restOperation({
        operationId: 'doi-soat-thu',
        path: '/khobac/1.0/doiSoatThu',
        input: z.object({
          NgayDoiSoat: ymdField,
          MaDonVi: text,
          GiaoDich: z.array(z.object({ MaGiaoDich: text, SoTien: amountField })),
        }),
        handle: (input) => {
          const MaDoiSoat = datedId(deps, 'DS');
          recordSubmission(deps, 'kho-bac', MaDoiSoat, input);
          const TongTien = input.GiaoDich.reduce((sum, g) => sum + g.SoTien, 0);
          return { MaDoiSoat, SoGiaoDich: input.GiaoDich.length, TongTien, TrangThai: 'KHOP' };
        },
      }),
    ],
  });
}
