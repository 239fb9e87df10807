import { z } from 'zod';
import { enterpriseDetail } from '../../data/organisations';
import type { MockService, ProtocolAdapter } from '../../protocols/mock-service';
import { ProviderError } from '../../protocols/provider-error';
import { jsonReply } from '../../protocols/replies';
import { defineRestService, restOperation } from '../../protocols/rest-json';
import type { ServiceDeps } from '../service-deps';

/**
 * The registry's own failure message: `Status` "0" with the reason in `Message` (the guide's
 * "1: thành công, 0: thất bại"); an unknown enterprise is such an answer with HTTP 200.
 */
const registryProtocol: ProtocolAdapter = {
  name: 'rest-json',
  errorReply: (error, status) => jsonReply({ DataCount: 0, Status: '0', Message: error.message }, status ?? error.status),
};

/** National business registration database behind NGSP: `GET /apiCSDLDKDN/1.0/chiTietDoanhNghiep?msdn=`. */
export function createCsdlDangKyDoanhNghiepService({ data }: ServiceDeps): MockService {
  return defineRestService({
    id: 'csdl-dang-ky-doanh-nghiep',
    providerName: 'Cơ sở dữ liệu quốc gia về đăng ký doanh nghiệp',
    errorPrefix: 'DN',
    auth: 'ngsp-wso2',
    fidelity: 'public-artefacts',
    protocol: registryProtocol,
    operations: [
      restOperation({
        operationId: 'chi-tiet-doanh-nghiep',
        // GET only: WSO2 has no POST resource here, so the old POST body meets its "No matching resource".
        method: 'get',
        path: '/apiCSDLDKDN/1.0/chiTietDoanhNghiep',
        input: z.object({ msdn: z.string().regex(/^\d{10}(-\d{3})?$/, 'mã số doanh nghiệp gồm 10 chữ số (chi nhánh: thêm -NNN)') }),
        handle: ({ msdn }) => {
          const business = data.businesses.get(msdn);
          if (business === undefined) throw new ProviderError('DN-404', `Không tìm thấy doanh nghiệp có mã số ${msdn}`, 200);
          return enterpriseDetail(business);
        },
      }),
    ],
  });
}
