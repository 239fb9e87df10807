import { z } from 'zod';
import type { MockService } from '../../protocols/mock-service';
import { defineRestService, restOperation } from '../../protocols/rest-json';
import { amountField, text } from '../field-schemas';
import { datedId, recordSubmission, type ServiceDeps } from '../service-deps';

export function createCsdlGiaService(deps: ServiceDeps): MockService {
  return defineRestService({
    id: 'csdl-gia',
    providerName: 'Cơ sở dữ liệu quốc gia về giá (Bộ Tài chính)',
    errorPrefix: 'GIA',
    auth: 'ngsp-wso2',
    fidelity: 'modelled',
    operations: [
      restOperation({
        operationId: 'gui-du-lieu-gia',
        path: '/csdlgia/1.0/guiDuLieuGia',
        input: z.object({
          MaDonVi: text,
          KyBaoCao: text,
          MatHang: z.array(z.object({ MaHangHoa: text, TenHangHoa: text, DonViTinh: text, Gia: amountField })).min(1),
        }),
        handle: (input) => {
          const MaTiepNhan = datedId(deps, 'GIA');
          recordSubmission(deps, 'csdl-gia', MaTiepNhan, input);
          return { MaTiepNhan, SoMatHang: input.MatHang.length, TrangThai: 'DA_TIEP_NHAN' };
        },
      }),
    ],
  });
}
