import { z } from 'zod';
import type { MockService } from '../../protocols/mock-service';
import { defineRestService, restOperation } from '../../protocols/rest-json';
import { citizenIdField } from '../field-schemas';
import type { ServiceDeps } from '../service-deps';

export function createVneidService({ data }: ServiceDeps): MockService {
  return defineRestService({
    id: 'vneid',
    providerName: 'Hệ thống định danh và xác thực điện tử (VNeID)',
    errorPrefix: 'VNEID',
    auth: 'ngsp-wso2',
    fidelity: 'modelled',
    operations: [
      restOperation({
        operationId: 'xac-thuc-tai-khoan',
        path: '/vneid/1.0/xacThucTaiKhoan',
        input: z.object({ SoDinhDanh: citizenIdField, SoDienThoai: z.string().regex(/^0\d{9}$/, 'số điện thoại gồm 10 chữ số') }),
        handle: ({ SoDinhDanh, SoDienThoai }) => {
          const citizen = data.citizens.get(SoDinhDanh);
          const match = citizen !== undefined && citizen.SoDienThoai === SoDienThoai;
          return match ? { HopLe: true, MucDoDinhDanh: citizen.MucDoDinhDanh } : { HopLe: false, MucDoDinhDanh: null };
        },
      }),
    ],
  });
}
