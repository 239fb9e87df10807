import { z } from 'zod';
import type { MockService } from '../../protocols/mock-service';
import { notFound } from '../../protocols/provider-error';
import { defineRestService, restOperation } from '../../protocols/rest-json';
import type { ServiceDeps } from '../service-deps';

export function createCsdlDangKyDoanhNghiepService({ data }: ServiceDeps): MockService {
  return defineRestService({
    id: 'csdl-dang-ky-doanh-nghiep',
    providerName: 'Cơ sở dữ liệu quốc gia về đăng ký doanh nghiệp',
    errorPrefix: 'DN',
    auth: 'ngsp-wso2',
    fidelity: 'modelled',
    operations: [
      restOperation({
        operationId: 'chi-tiet-doanh-nghiep',
        path: '/apiCSDLDKDN/1.0/chiTietDoanhNghiep',
        input: z.object({ msdn: z.string().regex(/^\d{10}(-\d{3})?$/, 'mã số doanh nghiệp gồm 10 chữ số') }),
        handle: ({ msdn }) => {
          const business = data.businesses.get(msdn);
          if (business === undefined) throw notFound('DN-404', `Không tìm thấy doanh nghiệp có mã số ${msdn}`);
          return business;
        },
      }),
    ],
  });
}
